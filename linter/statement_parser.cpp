#include "linter/statement_parser.h"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/tokens.h"

namespace migcheck {

namespace {

// A contiguous run of statements: [begin, end) of the SQL. `last_start` is
// where its last statement starts by the scanner's split, which can be wrong
// inside a BEGIN ATOMIC body; a parse error from there on may be a piece
// boundary in the wrong place rather than a real error.
struct Piece {
  size_t begin;
  size_t end;
  size_t last_start;
};

class ParsedPiece {
 public:
  ParsedPiece(const std::string& sql, size_t begin, size_t end)
      : begin_(begin), text_(sql, begin, end - begin), result_(pg_query_parse(text_.c_str())) {
    if (result_.error) return;
    tree_ = std::make_unique<JsonDocument>(result_.parse_tree);
    // One scan of the piece is much cheaper than one per statement later.
    tokens_ = scan_tokens(text_);
    for (Token& token : tokens_) {
      token.begin += begin_;
      token.end += begin_;
    }
  }
  ~ParsedPiece() { pg_query_free_parse_result(result_); }
  ParsedPiece(const ParsedPiece&) = delete;
  ParsedPiece& operator=(const ParsedPiece&) = delete;

  bool failed() const { return result_.error != nullptr; }
  std::string error_message() const { return result_.error->message; }
  // PostgreSQL reports a 1-based character position; we need a byte offset.
  size_t error_offset() const {
    int chars = std::max(result_.error->cursorpos - 1, 0);
    size_t i = 0;
    while (i < text_.size() && chars > 0) {
      ++i;
      while (i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++i;
      --chars;
    }
    return begin_ + i;
  }

  void visit(const std::string& sql, const std::function<void(const ParsedStatement&)>& fn) const {
    for (const JsonNode& raw : tree_->root()["stmts"]) {
      size_t location = static_cast<size_t>(raw["stmt_location"].integer(0));
      size_t length = static_cast<size_t>(raw["stmt_len"].integer(0));
      size_t begin = begin_ + location;
      size_t end = length ? begin + length : begin_ + text_.size();
      begin = skip_blanks_and_comments(sql, begin);
      while (end > begin && std::isspace(static_cast<unsigned char>(sql[end - 1]))) --end;
      auto first = std::lower_bound(tokens_.begin(), tokens_.end(), begin,
                                    [](const Token& t, size_t at) { return t.begin < at; });
      auto last = std::lower_bound(first, tokens_.end(), end,
                                   [](const Token& t, size_t at) { return t.begin < at; });
      fn(ParsedStatement{raw["stmt"], begin, end, begin_, std::span<const Token>(first, last)});
    }
  }

 private:
  size_t begin_;
  std::string text_;
  PgQueryParseResult result_;
  std::unique_ptr<JsonDocument> tree_;
  std::vector<Token> tokens_;  // offsets into the whole SQL
};

std::vector<Piece> split_into_pieces(const std::string& sql) {
  std::vector<size_t> starts;
  if (sql.size() > kParsePieceBytes) {
    PgQuerySplitResult split = pg_query_split_with_scanner(sql.c_str());
    if (!split.error) {
      for (int i = 0; i < split.n_stmts; ++i) starts.push_back(split.stmts[i]->stmt_location);
    }
    pg_query_free_split_result(split);
  }
  if (starts.empty()) starts.push_back(0);
  std::vector<Piece> pieces;
  size_t first = 0;
  for (size_t i = 1; i <= starts.size(); ++i) {
    size_t next = i < starts.size() ? starts[i] : sql.size();
    if (i == starts.size() || next - starts[first] >= kParsePieceBytes) {
      size_t begin = pieces.empty() ? 0 : starts[first];
      pieces.push_back({begin, next, starts[i - 1]});
      first = i;
    }
  }
  return pieces;
}

// Parses pieces ahead of the consumer on its own big-stack thread, holding at
// most kAhead parsed pieces in memory.
class ParseAhead {
 public:
  ParseAhead(const std::string& sql, const std::vector<Piece>& pieces)
      : thread_([this, &sql, &pieces] { run(sql, pieces); }) {}
  ~ParseAhead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  std::unique_ptr<ParsedPiece> next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty(); });
    auto piece = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return piece;
  }

 private:
  static constexpr size_t kAhead = 3;
  void run(const std::string& sql, const std::vector<Piece>& pieces) {
    for (const Piece& piece : pieces) {
      auto parsed = std::make_unique<ParsedPiece>(sql, piece.begin, piece.end);
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || ready_.size() < kAhead; });
      if (stop_) return;
      ready_.push_back(std::move(parsed));
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<ParsedPiece>> ready_;
  bool stop_ = false;
  BigStackThread thread_;  // last: starts after the members it uses exist
};

// Where the statement containing `offset` starts: after the last semicolon
// token before it in [begin, end). The statements before it still parse and
// get linted.
size_t statement_start_before(const std::string& sql, size_t begin, size_t end, size_t offset) {
  size_t start = begin;
  for (const Token& token : scan_tokens(std::string_view(sql).substr(begin, end - begin))) {
    if (begin + token.begin >= offset) break;
    if (token.kind == Token::Kind::punctuation && sql[begin + token.begin] == ';') {
      start = begin + token.end;
    }
  }
  return start;
}

}  // namespace

size_t skip_blanks_and_comments(std::string_view sql, size_t i) {
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (sql.compare(i, 2, "/*") == 0) {
      int depth = 0;
      do {
        if (sql.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (sql.compare(i, 2, "*/") == 0) {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (depth > 0 && i < sql.size());
    } else {
      break;
    }
  }
  return i;
}

std::optional<SyntaxError> parse_statements(
    const std::string& sql, const std::function<void(const ParsedStatement&)>& visit) {
  std::vector<Piece> pieces = split_into_pieces(sql);
  std::unique_ptr<ParseAhead> ahead;
  if (pieces.size() > 1) ahead = std::make_unique<ParseAhead>(sql, pieces);

  for (size_t i = 0; i < pieces.size(); ++i) {
    std::unique_ptr<ParsedPiece> parsed =
        ahead ? ahead->next() : std::make_unique<ParsedPiece>(sql, pieces[i].begin, pieces[i].end);
    size_t begin = pieces[i].begin;
    // A failure in the last statement of a piece may be a boundary the
    // scanner put inside a statement: join the next piece and try again.
    while (parsed->failed() && i + 1 < pieces.size() &&
           parsed->error_offset() >= pieces[i].last_start) {
      ++i;
      if (ahead) ahead->next();  // superseded by the joined parse
      parsed = std::make_unique<ParsedPiece>(sql, begin, pieces[i].end);
    }
    if (parsed->failed()) {
      SyntaxError error{parsed->error_message(), parsed->error_offset()};
      // Visit what parses before the failing statement.
      size_t failing_start = statement_start_before(sql, begin, pieces[i].end, error.offset);
      if (failing_start > begin) {
        ParsedPiece prefix(sql, begin, failing_start);
        if (!prefix.failed()) prefix.visit(sql, visit);
      }
      return error;
    }
    parsed->visit(sql, visit);
  }
  return std::nullopt;
}

}  // namespace migcheck
