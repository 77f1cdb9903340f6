#include "linter/rule_context.h"

#include "linter/ascii_text.h"
#include "linter/relation_name.h"

namespace migcheck {

namespace {

// Unquoted tokens match case-insensitively (PostgreSQL folds them to lower
// case); a quoted identifier must match the name exactly as the tree has it.
bool token_spells(std::string_view token_text, std::string_view word) {
  if (token_text.starts_with('"')) return normalized_word(token_text) == word;
  return equals_ignoring_ascii_case(token_text, word);
}

}  // namespace

void RuleContext::set_statement(const Statement* statement) {
  statement_ = statement;
  tokens_.reset();
  // The schema memory changes between statements: nothing carries over.
  asked_relation_ = nullptr;
}

void RuleContext::remember_relation(const JsonNode& range_var) {
  if (asked_relation_ == &range_var) return;
  asked_relation_ = &range_var;
  asked_name_ = qualified_name(range_var);
  asked_table_ = catalog_.table(asked_name_);
}

const std::string& RuleContext::qualified_name_of(const JsonNode& range_var) {
  remember_relation(range_var);
  return asked_name_;
}

const TableInfo* RuleContext::table_of(const JsonNode& range_var) {
  remember_relation(range_var);
  return asked_table_;
}

bool RuleContext::is_new_table(const JsonNode& range_var) {
  remember_relation(range_var);
  return asked_table_ && asked_table_->created_in_current_migration;
}

Finding RuleContext::finding_at(Span span, std::string message) const {
  Finding finding;
  finding.rule = std::string(rule_->id);
  finding.severity = rule_->severity;
  finding.message = std::move(message);
  finding.help = HelpText::fixed(rule_->safe_alternative);
  if (statement_) span = statement_->in_unit(span);
  finding.location = unit_.map.locate(span.begin, span.end);
  return finding;
}

void RuleContext::report(Span span, std::string message) {
  findings_.push_back(finding_at(span, std::move(message)));
}

void RuleContext::report(Span span, std::string message, const SqlFix& fix) {
  Finding finding = finding_at(span, std::move(message));
  if (auto mapped = file_fix(fix)) finding.fixes.push_back(std::move(*mapped));
  findings_.push_back(std::move(finding));
}

std::optional<Fix> RuleContext::file_fix(const SqlFix& sql_fix) const {
  if (!statement_ || statement_->nested || statement_->anchor || !unit_.map.file()) {
    return std::nullopt;
  }
  Fix fix{std::string(rule_->id), sql_fix.title, sql_fix.unsafe, sql_fix.outside_transaction};
  for (const SqlEdit& edit : sql_fix.edits) {
    auto range = unit_.map.exact_file_range(edit.span.begin, edit.span.end);
    if (!range) return std::nullopt;
    fix.edits.push_back({unit_.map.file()->path(), range->first, range->second, edit.replacement});
  }
  return fix;
}

void RuleContext::defer(Span span, std::string message, std::string key) {
  deferred_.push_back(
      {rule_, std::move(key), session_.transaction_serial, finding_at(span, std::move(message))});
}

void RuleContext::withdraw(const std::string& key) {
  std::erase_if(deferred_, [&](const Deferred& d) {
    return d.rule == rule_ && d.key == key && d.transaction == session_.transaction_serial;
  });
}

void RuleContext::report_deferred() {
  for (Deferred& d : deferred_) findings_.push_back(std::move(d.finding));
  deferred_.clear();
}

void RuleContext::report(const Statement& statement, std::string message) {
  report(first_line(statement), std::move(message));
}

Span RuleContext::first_line(const Statement& statement) const {
  std::string_view text = statement.text();
  size_t newline = text.find_first_of("\r\n");
  size_t length = newline == std::string_view::npos ? text.size() : newline;
  while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t')) --length;
  return {statement.begin, statement.begin + std::max<size_t>(length, 1)};
}

// Scanned on demand: most statements never need their tokens, and the scan
// costs about as much as the parse.
std::span<const Token> RuleContext::tokens(const Statement& statement) {
  if (!tokens_ || &statement != statement_) {
    tokens_ = scan_tokens(statement.text());
    for (Token& token : *tokens_) {
      token.begin += statement.begin;
      token.end += statement.begin;
    }
    statement_ = &statement;
  }
  return *tokens_;
}

std::optional<Span> RuleContext::find_words(const Statement& statement,
                                            std::initializer_list<std::string_view> words,
                                            size_t from) {
  if (words.size() == 0) return std::nullopt;
  // Walked in place, comments skipped: rules ask this for most findings, and
  // a list of the other tokens cost several allocations each time.
  std::span<const Token> all = tokens(statement);
  auto significant = [&](size_t i) {
    return all[i].kind != Token::Kind::comment && all[i].begin >= from;
  };
  for (size_t start = 0; start < all.size(); ++start) {
    if (!significant(start)) continue;
    size_t at = start;
    size_t last = start;
    size_t matched = 0;
    for (std::string_view word : words) {
      while (at < all.size() && !significant(at)) ++at;
      // Too few tokens left for the words: no later start has more.
      if (at == all.size()) return std::nullopt;
      std::string_view text = statement.sql.substr(all[at].begin, all[at].end - all[at].begin);
      if (word != "*" && !token_spells(text, word)) break;
      last = at++;
      ++matched;
    }
    if (matched == words.size()) return Span{all[start].begin, all[last].end};
  }
  return std::nullopt;
}

Span RuleContext::clause(const Statement& statement, std::initializer_list<std::string_view> words,
                         size_t from) {
  if (auto span = find_words(statement, words, from)) return *span;
  return first_line(statement);
}

}  // namespace migcheck
