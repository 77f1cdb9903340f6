#include "migrations/alembic/op_translator.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "linter/ascii_text.h"
#include "migrations/alembic/file_position.h"
#include "migrations/alembic/op_sql.h"
#include "migrations/alembic/python_collections.h"
#include "migrations/alembic/python_condition.h"
#include "migrations/alembic/python_environment.h"
#include "migrations/alembic/python_eval.h"
#include "migrations/alembic/sql_text.h"
#include "migrations/alembic/sqlalchemy_core.h"
#include "migrations/alembic/sqlalchemy_enum_class.h"
#include "migrations/alembic/sqlalchemy_schema.h"
#include "migrations/alembic/sqlalchemy_values.h"
#include "migrations/project_rules.h"

namespace migcheck {
namespace {

constexpr const char* kUnresolvedHelp =
    "migcheck reads migrations without running Python, so it lints only op calls whose "
    "arguments are literals. Write the values inline, review this statement by hand, or lint "
    "with --sql-source alembic to ask Alembic itself for the SQL.";

// Helpers nest rarely; the bound keeps a self-calling helper from recursing forever.
constexpr int kMaxHelperDepth = 8;

using Env = PyEnv;

// A value worth remembering for a name: not an alias of another name and not
// something the reader could not make out.
bool bindable(const PyExpr& value) {
  return value.kind != PyExpr::Kind::other && value.kind != PyExpr::Kind::name;
}

void bind_name(Env& env, const std::string& name, PyExpr value) {
  if (bindable(value)) {
    env[name] = std::move(value);
  } else {
    env.erase(name);
  }
}

// True when `expr` names a list or a dict: code may have changed it since
// (`rows.append(...)`, `updates[key] = ...`), which the reader does not follow.
bool names_mutable(const PyExpr& expr, const Env& env) {
  if (expr.kind == PyExpr::Kind::name) {
    auto it = env.find(expr.text);
    return it != env.end() &&
           (it->second.kind == PyExpr::Kind::list || it->second.kind == PyExpr::Kind::dict);
  }
  for (const PyExpr& item : expr.items) {
    if (names_mutable(item, env)) return true;
  }
  for (const auto& keyword : expr.keywords) {
    if (names_mutable(keyword.second, env)) return true;
  }
  return false;
}

// The values a `for` loop over `iterable` takes, when the file spells them out.
std::optional<std::vector<PyExpr>> loop_values(const PyExpr& iterable) {
  using Kind = PyExpr::Kind;
  if (iterable.kind == Kind::tuple || iterable.kind == Kind::list) return iterable.items;
  if (iterable.kind == Kind::dict) {
    std::vector<PyExpr> keys;
    for (size_t i = 0; i < iterable.items.size(); i += 2) keys.push_back(iterable.items[i]);
    return keys;
  }
  if (iterable.kind != Kind::call || iterable.items.size() > 2 || !iterable.keywords.empty() ||
      iterable.has_star_args) {
    return std::nullopt;
  }
  const PyExpr& callee = iterable.items[0];
  if (iterable.items.size() == 2 && callee.kind == Kind::name &&
      (callee.text == "reversed" || callee.text == "enumerate")) {
    std::optional<std::vector<PyExpr>> values = loop_values(iterable.items[1]);
    if (!values) return std::nullopt;
    if (callee.text == "reversed") return std::vector<PyExpr>(values->rbegin(), values->rend());
    for (size_t i = 0; i < values->size(); ++i) {
      PyExpr index;
      index.kind = Kind::number;
      index.text = std::to_string(i);
      index.begin = iterable.begin;
      index.end = iterable.end;
      PyExpr pair;
      pair.kind = Kind::tuple;
      pair.begin = iterable.begin;
      pair.end = iterable.end;
      pair.items = {std::move(index), std::move((*values)[i])};
      (*values)[i] = std::move(pair);
    }
    return values;
  }
  // dict.items() / .keys() / .values()
  if (iterable.items.size() != 1 || callee.kind != Kind::attribute || callee.items.empty() ||
      callee.items[0].kind != Kind::dict) {
    return std::nullopt;
  }
  const std::vector<PyExpr>& entries = callee.items[0].items;
  std::vector<PyExpr> values;
  for (size_t i = 0; i + 1 < entries.size(); i += 2) {
    if (callee.text == "keys") {
      values.push_back(entries[i]);
    } else if (callee.text == "values") {
      values.push_back(entries[i + 1]);
    } else if (callee.text == "items") {
      PyExpr pair;
      pair.kind = Kind::tuple;
      pair.begin = entries[i].begin;
      pair.end = entries[i + 1].end;
      pair.items = {entries[i], entries[i + 1]};
      values.push_back(std::move(pair));
    } else {
      return std::nullopt;
    }
  }
  return values;
}

// The first `tables.<name>` in `expr`: a table of quay's metadata, which
// sqlalchemy_core reads as the table <name>.
const PyExpr* metadata_table(const PyExpr& expr) {
  if (expr.kind == PyExpr::Kind::attribute && expr.items[0].kind == PyExpr::Kind::name &&
      expr.items[0].text == "tables") {
    return &expr;
  }
  for (const PyExpr& item : expr.items) {
    if (const PyExpr* found = metadata_table(item)) return found;
  }
  for (const auto& keyword : expr.keywords) {
    if (const PyExpr* found = metadata_table(keyword.second)) return found;
  }
  return nullptr;
}

// conn = op.get_bind(); conn.execute(sa.text("..."), {...}) runs the SQL in
// the migration's transaction, as op.execute does.
bool is_bind_execute(const PyExpr& call) {
  std::string callee = call.items[0].dotted();
  return (call.items.size() == 2 || call.items.size() == 3) && call.keywords.empty() &&
         !call.has_star_args &&
         (callee == "op.get_bind().execute" || callee == "op.get_bind().exec_driver_sql");
}

// The bound connection's execute(...) whose result an assignment keeps,
// under any calls on that result (.fetchall(), .scalar(), ...).
const PyExpr* executed_call(const PyExpr& value) {
  const PyExpr* call = &value;
  while (call->kind == PyExpr::Kind::call) {
    if (is_bind_execute(*call)) return call;
    const PyExpr& callee = call->items[0];
    if (callee.kind != PyExpr::Kind::attribute || callee.items[0].kind != PyExpr::Kind::call) break;
    call = &callee.items[0];
  }
  return nullptr;
}

// Calls whose effect is output (logs, files written by Python's csv module),
// not schema: not worth an unresolved finding.
bool is_logging(const std::string& callee) {
  std::string root = callee.substr(0, callee.find('.'));
  std::string lower_root = ascii_lower(root);
  // setup_logger().info(...), _logger.warning(...), getLogger(__name__).info(...)
  // (a `log = getLogger(...)` substituted): a logger however it is made, and
  // its configuration.
  static const std::set<std::string_view> kMethods = {
      "debug",     "info",     "warning",  "warn",       "error",
      "exception", "critical", "setLevel", "addHandler", "removeHandler"};
  bool logger_call = lower_root.find("logger") != std::string::npos &&
                     root.size() < callee.size() &&
                     kMethods.count(std::string_view(callee).substr(root.size() + 1));
  return logger_call || root == "print" || root == "log" || root == "logger" || root == "logging" ||
         root == "warnings" || root == "csv";
}

class Translator {
 public:
  Translator(const PyModule& module, std::shared_ptr<const SourceFile> file,
             const ProjectModules* modules)
      : module_(module),
        file_(std::move(file)),
        modules_(modules),
        facts_(read_module_facts(module, "")) {
    for (const PyStatement& statement : module.statements) {
      if (statement.compound && statement.keyword(module.source, module.tokens) == "def" &&
          statement.first + 1 < statement.last) {
        functions_[std::string(token_text(statement.first + 1))] = &statement;
      } else if (statement.keyword(module.source, module.tokens) == "from") {
        bind_imported_constants(statement);
      } else {
        for (PyAssignment& a : read_assignment(module, statement)) {
          std::set<std::string> notes = notes_of(statement);
          PyExpr value = with_environment(a.value, notes);
          note_name(a.name, std::move(notes));
          bind_name(module_env_, a.name, with_project_names(substitute(value, module_env_)));
        }
      }
    }
    for (const PyToken& comment : module.comments) {
      std::string_view text = comment.text(module.source);
      if (text.find("migcheck:ignore-file") != std::string_view::npos)
        file_ignores_.push_back(&comment);
    }
  }

  TranslatedFunction run(const PyStatement& function) {
    function_name_ = token_text(function.first + 1);
    for (size_t i = function.first + 2; i < function.last; ++i) {
      if (module_.tokens[i].kind == PyToken::Kind::name) parameters_.insert(token_text(i));
    }
    Env env = module_env_;
    walk(function.body, env, nullptr, "", 0);
    TranslatedFunction out;
    for (SqlUnit& unit : units_) {
      if (has_statement_.count(&unit - units_.data())) out.units.push_back(std::move(unit));
    }
    out.findings = std::move(findings_);
    out.conditional = std::move(conditional_);
    return out;
  }

 private:
  std::string_view token_text(size_t i) const { return module_.tokens[i].text(module_.source); }

  // `from pkg.module import NAME [as ALIAS]` of a constant of one of the
  // project's modules binds the name to its value, located at the name here.
  void bind_imported_constants(const PyStatement& statement) {
    if (!modules_) return;
    size_t i = statement.first;
    while (i < statement.last && token_text(i) != "import") ++i;
    for (++i; i < statement.last; ++i) {
      if (module_.tokens[i].kind != PyToken::Kind::name ||
          (i + 1 < statement.last && token_text(i + 1) == "as")) {
        continue;
      }
      std::string alias(token_text(i));
      auto imported = facts_.imports.find(alias);
      if (imported == facts_.imports.end()) continue;
      const ModuleConstant* constant =
          modules_->constant(imported->second.first, imported->second.second);
      if (!constant) continue;
      PyExpr where;
      where.begin = module_.tokens[i].begin;
      where.end = module_.tokens[i].end;
      bind_name(module_env_, alias, relocated(constant->value, where));
      note_name(alias, constant->notes);
    }
  }

  // The notes on settings read from the environment (python_environment)
  // that the values of the names a statement uses were built from.
  std::set<std::string> notes_of(const PyStatement& statement) const {
    std::set<std::string> notes;
    if (name_notes_.empty()) return notes;
    PyExprReader reader = module_.reader(statement);
    while (!reader.at_end()) {
      add_notes(reader.read_list(), notes);
      if (!reader.at_end()) reader.skip();  // `=`, `:` or a keyword
    }
    return notes;
  }

  // The notes of the names in `expr`, f-strings' placeholders included.
  void add_notes(const PyExpr& expr, std::set<std::string>& notes) const {
    if (expr.kind == PyExpr::Kind::name) {
      auto it = name_notes_.find(expr.text);
      if (it != name_notes_.end()) notes.insert(it->second.begin(), it->second.end());
    }
    for (const PyExpr& item : expr.items) add_notes(item, notes);
    for (const auto& keyword : expr.keywords) add_notes(keyword.second, notes);
  }

  void note_name(const std::string& name, std::set<std::string> notes) {
    if (notes.empty()) {
      name_notes_.erase(name);
    } else {
      name_notes_[name] = std::move(notes);
    }
  }

  // The last token index of a statement, its block included.
  size_t last_token(const PyStatement& statement) const {
    return statement.body.empty() ? statement.last : last_token(statement.body.back());
  }

  void unresolved(size_t begin, size_t end, const std::string& message) {
    Finding finding;
    finding.rule = std::string(kUnresolvedOperation.id);
    finding.severity = kUnresolvedOperation.severity;
    finding.message = may_run_.empty() ? message : message + " (" + may_run_ + ")";
    finding.help = HelpText::fixed(kUnresolvedHelp);
    finding.location = location_in(*file_, begin, end);
    // A call in a loop the reader unrolls is one call: reported once.
    for (const Finding& earlier : findings_) {
      if (earlier.location == finding.location && earlier.message == finding.message) return;
    }
    findings_.push_back(std::move(finding));
  }

  // Walks a block; returns the keyword that ends it early (`return`,
  // `raise`, `break`, `continue`, in the block or in a branch that surely
  // runs), empty when it runs to its end.
  std::string_view walk(const std::vector<PyStatement>& body, Env& env, const BatchTable* batch,
                        std::string_view batch_alias, int depth) {
    Branches branches = Branches::none;
    for (const PyStatement& statement : body) {
      std::string_view keyword = statement.keyword(module_.source, module_.tokens);
      if (statement.compound && (keyword == "if" || keyword == "elif" || keyword == "else") &&
          (keyword == "if" || branches != Branches::none)) {
        std::string_view exit =
            branch(statement, keyword, branches, env, batch, batch_alias, depth);
        if (!exit.empty()) return exit;
        continue;
      }
      branches = Branches::none;
      if (statement.compound) {
        std::string_view exit = compound(statement, env, batch, batch_alias, depth);
        if (!exit.empty()) return exit;
        continue;
      }
      simple(statement, env, batch, batch_alias, depth);
      // The rest of the block does not run.
      if (keyword == "return" || keyword == "raise" || keyword == "break" ||
          keyword == "continue") {
        return keyword;
      }
    }
    return {};
  }

  // Where an if/elif/else chain stands: `open` while every condition so far
  // was false, `taken` once one surely ran, `unknown` once one only Python
  // decides.
  enum class Branches { none, open, taken, unknown };

  // One part of an if/elif/else chain. A condition Python's answer to follows
  // from values in the file (`table == "credential"` in a loop unrolled over
  // a literal list) picks its branch as Python does; one that needs running
  // code makes the branch SQL that may run.
  std::string_view branch(const PyStatement& statement, std::string_view keyword,
                          Branches& branches, Env& env, const BatchTable* batch,
                          std::string_view batch_alias, int depth) {
    if (keyword == "if") branches = Branches::open;
    if (branches == Branches::taken) return {};
    std::optional<bool> holds = true;  // else
    if (keyword != "else") {
      // A setting read from the environment differs between deployments:
      // a condition on it is left to Python, and both branches are linted.
      holds = decide_condition(
          module_.source, module_.tokens, statement.first + 1, statement.last,
          [&](const PyExpr& expr) {
            std::set<std::string> notes;
            add_notes(expr, notes);
            return names_mutable(expr, env) || !notes.empty() ? expr : substitute(expr, env);
          });
    }
    if (holds && !*holds) return {};  // never runs
    if (holds && branches == Branches::open) {
      branches = Branches::taken;
      return walk(statement.body, env, batch, batch_alias, depth);
    }
    if (holds) branches = Branches::taken;  // runs unless an earlier unknown branch did
    if (!holds) branches = Branches::unknown;
    walk_conditional(
        statement.body, env, batch, batch_alias, depth,
        "may run: inside `" + std::string(keyword) + "`, which only Python decides whether to run");
    return {};
  }

  bool has_call(size_t first, size_t last) const {
    for (size_t i = first + 1; i < last; ++i) {
      if (token_text(i) == "(" && (module_.tokens[i - 1].kind == PyToken::Kind::name ||
                                   token_text(i - 1) == ")" || token_text(i - 1) == "]")) {
        return true;
      }
    }
    return false;
  }

  // Returns the keyword that ends the enclosing block early, as walk().
  std::string_view compound(const PyStatement& statement, Env& env, const BatchTable* batch,
                            std::string_view batch_alias, int depth) {
    std::string_view keyword = statement.keyword(module_.source, module_.tokens);
    if (keyword == "with") {
      return with_block(statement, env, batch, batch_alias, depth);
    } else if (keyword == "def" && statement.first + 1 < statement.last) {
      // Defined, not run here; a call below runs it (fides's helpers inside
      // upgrade()).
      local_functions_[std::string(token_text(statement.first + 1))] = &statement;
    } else if (keyword == "class") {
      // defined, not run here
    } else if (keyword == "for") {
      return for_loop(statement, env, batch, batch_alias, depth);
    } else if (keyword == "try" || keyword == "finally") {
      // A try block runs (up to a failure, which stops the migration unless
      // an except block takes over); a finally block runs in any case.
      walk(statement.body, env, batch, batch_alias, depth);
    } else if (keyword == "except") {
      walk_conditional(statement.body, env, batch, batch_alias, depth,
                       "may run: inside `except`, which runs only when the code before it fails");
    } else {
      // if / elif / else / while / match / case: conditions only Python decides.
      walk_conditional(statement.body, env, batch, batch_alias, depth,
                       "may run: inside `" + std::string(keyword) +
                           "`, which only Python decides whether to run");
    }
    return {};
  }

  // Walks a block that may not run: its SQL is linted and its findings say
  // why it may not run; names it binds are unknown after it.
  void walk_conditional(const std::vector<PyStatement>& body, Env& env, const BatchTable* batch,
                        std::string_view batch_alias, int depth, std::string why) {
    std::string outer = std::exchange(may_run_, std::move(why));
    Env branch = env;
    walk(body, branch, batch, batch_alias, depth);
    may_run_ = std::move(outer);
    for (auto it = env.begin(); it != env.end();) {
      auto after = branch.find(it->first);
      bool kept = after != branch.end() && after->second.begin == it->second.begin &&
                  after->second.end == it->second.end;
      it = kept ? std::next(it) : env.erase(it);
    }
  }

  // `for TARGET in ITERABLE:` over values written in the file (a tuple, a
  // list, a dict's keys, items or values, reversed(...), enumerate(...)) runs
  // its body once per value; over anything else, once with the target unknown
  // and as code that may not run.
  std::string_view for_loop(const PyStatement& statement, Env& env, const BatchTable* batch,
                            std::string_view batch_alias, int depth) {
    size_t in = statement.first + 1;
    for (int nesting = 0; in < statement.last; ++in) {
      std::string_view text = token_text(in);
      if (text == "(" || text == "[" || text == "{") ++nesting;
      if (text == ")" || text == "]" || text == "}") --nesting;
      if (nesting == 0 && text == "in" && module_.tokens[in].kind == PyToken::Kind::name) break;
    }
    PyExprReader target_reader(module_.source, module_.tokens, statement.first + 1, in);
    PyExpr target = target_reader.read_list();
    std::vector<PyAssignment> targets;
    bind_target(target, PyExpr{}, targets);
    for (const PyAssignment& a : targets) note_collection(a.name, false);
    std::optional<std::vector<PyExpr>> values;
    if (in < statement.last && target_reader.at_end()) {
      PyExprReader reader(module_.source, module_.tokens, in + 1, statement.last);
      PyExpr iterable = substitute(reader.read_list(), env);
      if (reader.at_end()) values = loop_values(iterable);
    }
    if (!values) {
      std::vector<PyAssignment> unknown;
      bind_target(target, PyExpr{}, unknown);
      for (const PyAssignment& a : unknown) env.erase(a.name);
      walk_conditional(statement.body, env, batch, batch_alias, depth,
                       "may run: inside a `for` loop over values only Python knows");
      return {};
    }
    for (const PyExpr& value : *values) {
      std::vector<PyAssignment> bound;
      bind_target(target, value, bound);
      for (PyAssignment& a : bound) bind_name(env, a.name, std::move(a.value));
      std::string_view exit = walk(statement.body, env, batch, batch_alias, depth);
      if (exit == "break") break;
      if (exit == "return" || exit == "raise") return exit;
    }
    return {};
  }

  std::string_view with_block(const PyStatement& statement, Env& env, const BatchTable* batch,
                              std::string_view batch_alias, int depth) {
    PyExprReader reader(module_.source, module_.tokens, statement.first + 1, statement.last);
    PyExpr context = substitute(reader.read(), env);
    std::string alias;
    if (reader.at_name("as")) {
      reader.skip();
      if (!reader.at_end()) alias = token_text(reader.position());
    }
    std::string dotted = context.dotted();
    if (context.kind == PyExpr::Kind::call && dotted == "op.batch_alter_table()") {
      try {
        BatchTable table;
        const PyExpr* name =
            context.items.size() >= 2 ? &context.items[1] : context.keyword("table_name");
        if (!name)
          throw UnresolvedArgument("batch_alter_table without a table name", context.begin);
        table.name = string_value(*name, "the batch table name");
        const PyExpr* schema =
            context.items.size() >= 3 ? &context.items[2] : context.keyword("schema");
        table.schema = optional_string(schema, "the batch schema").value_or("");
        if (const PyExpr* recreate = context.keyword("recreate");
            recreate && recreate->kind == PyExpr::Kind::string && recreate->text == "always") {
          throw UnresolvedArgument(
              "recreate=\"always\" copies the table into a new one, which is not modelled",
              recreate->begin);
        }
        return walk(statement.body, env, &table, alias, depth);
      } catch (const UnresolvedArgument& e) {
        unresolved(
            context.begin, context.end,
            "op.batch_alter_table(...) block not translated to SQL: " + std::string(e.what()));
      }
      return {};
    }
    if (dotted.ends_with(".autocommit_block()")) {
      // Alembic commits the migration's transaction, runs the block outside
      // one, and begins a new transaction after it.
      transactional_ = false;
      new_unit_ = true;
      std::string_view exit = walk(statement.body, env, batch, batch_alias, depth);
      transactional_ = true;
      new_unit_ = true;
      return exit;
    }
    return walk(statement.body, env, batch, batch_alias, depth);  // any other context runs once
  }

  // The SQL of a statement built from settings read from the environment says
  // so (with the notes of the statement that called a helper, for the
  // helper's statements).
  void simple(const PyStatement& statement, Env& env, const BatchTable* batch,
              std::string_view batch_alias, int depth) {
    std::set<std::string> notes = notes_of(statement);
    notes.insert(statement_notes_.begin(), statement_notes_.end());
    std::set<std::string> outer = std::exchange(statement_notes_, std::move(notes));
    simple_statement(statement, env, batch, batch_alias, depth);
    statement_notes_ = std::move(outer);
  }

  void simple_statement(const PyStatement& statement, Env& env, const BatchTable* batch,
                        std::string_view batch_alias, int depth) {
    std::string_view keyword = statement.keyword(module_.source, module_.tokens);
    static const std::set<std::string_view> kInert = {"pass",     "import", "from",  "global",
                                                      "nonlocal", "del",    "break", "continue",
                                                      "raise",    "assert", "return"};
    if (kInert.count(keyword) &&
        !(keyword == "return" && has_call(statement.first, statement.last))) {
      return;
    }
    if (collection_change(statement, env)) return;
    if (augmented_assignment(statement, env)) return;
    std::vector<PyAssignment> assignments = read_assignment(module_, statement);
    if (!assignments.empty()) {
      for (PyAssignment& a : assignments) {
        note_collection(a.name, builds_collection(module_, a.value));
        std::set<std::string> notes = statement_notes_;
        PyExpr value = with_environment(a.value, notes);
        note_name(a.name, std::move(notes));
        bind_name(env, a.name, with_project_names(substitute(value, env)));
      }
      // `rows = conn.execute(sa.text("SELECT ...")).fetchall()` runs its SQL
      // as well; only the result, which Python keeps, is unknown.
      PyExpr value = substitute(assignments.front().value, env);
      if (const PyExpr* run = executed_call(value)) {
        emit_suppressions(statement);
        try {
          execute(*run, run->items.size() == 3);
        } catch (const UnresolvedArgument& e) {
          unresolved(run->begin, run->end,
                     "op.get_bind().execute(...) not translated to SQL: " + std::string(e.what()) +
                         ", so its SQL is not linted");
        }
        return;
      }
      // `t = op.create_table(...)`: the op runs as it would on its own; the
      // Table it returns is Python's, unknown here.
      if (value.kind == PyExpr::Kind::call && assignments.size() == 1) {
        std::string callee = value.items[0].dotted();
        if (callee.starts_with("op.") && is_translated_op(callee.substr(3))) {
          env.erase(assignments.front().name);
          call_statement(statement, value, env, batch, batch_alias, depth);
          return;
        }
      }
      // The value of an op call or of conn.execute(...) is used, so its SQL
      // is not taken as a statement of its own.
      for (size_t i = statement.first; i + 1 < statement.last; ++i) {
        std::string_view name = token_text(i);
        bool runs_sql = module_.tokens[i].kind == PyToken::Kind::name && token_text(i + 1) == "(" &&
                        i > statement.first && token_text(i - 1) == "." &&
                        (name == "execute" || name == "exec_driver_sql" || is_translated_op(name));
        if (runs_sql) {
          unresolved(module_.tokens[statement.first].begin, module_.tokens[statement.last - 1].end,
                     "." + std::string(name) + "() in an assignment is not translated to SQL");
          break;
        }
      }
      return;
    }
    PyExprReader reader = module_.reader(statement);
    PyExpr expr = reader.read_list();
    if (expr.kind != PyExpr::Kind::call || !reader.at_end()) {
      if (has_call(statement.first, statement.last)) {
        unresolved(module_.tokens[statement.first].begin, module_.tokens[statement.last - 1].end,
                   "statement not translated to SQL: its code runs only in Python");
      }
      return;
    }
    call_statement(statement, with_project_names(substitute(expr, env)), env, batch, batch_alias,
                   depth);
  }

  // sa.Enum(SomeEnum, ...) as SQLAlchemy reads it (sqlalchemy_enum_class);
  // SomeEnum.MEMBER.value is the value written in the class and
  // SomeEnum.MEMBER.name the member's name. The class is the file's own or
  // imported from a project module.
  // A TypeDecorator of the project's (quay's UTF8CharField(length=255)) is
  // the type it gives PostgreSQL (String(length=255)).
  PyExpr with_project_names(PyExpr expr) const {
    const TypeDecoratorFacts* decorator = nullptr;
    if (expr.kind == PyExpr::Kind::call && expr.items[0].kind == PyExpr::Kind::name) {
      decorator = type_decorator(expr.items[0].text);
    } else if (expr.kind == PyExpr::Kind::name) {
      decorator = type_decorator(expr.text);
    }
    for (size_t i = decorator ? 1 : 0; i < expr.items.size(); ++i) {
      expr.items[i] = with_project_names(std::move(expr.items[i]));
    }
    for (auto& keyword : expr.keywords) {
      keyword.second = with_project_names(std::move(keyword.second));
    }
    if (decorator) return decorated_type(*decorator, expr);
    if (expr.kind == PyExpr::Kind::attribute && (expr.text == "value" || expr.text == "name") &&
        expr.items[0].kind == PyExpr::Kind::attribute &&
        expr.items[0].items[0].kind == PyExpr::Kind::name) {
      const std::vector<EnumMember>* members = enum_members(expr.items[0].items[0].text);
      for (const EnumMember& member : members ? *members : std::vector<EnumMember>{}) {
        if (member.name != expr.items[0].text) continue;
        if (expr.text == "name") return located_string(member.name, expr);
        if (member.value.kind == PyExpr::Kind::string) {
          return located_string(member.value.text, expr);
        }
        if (member.value.kind != PyExpr::Kind::other) {
          PyExpr value = member.value;
          value.begin = expr.begin;
          value.end = expr.end;
          return value;
        }
      }
      return expr;
    }
    if (expr.kind != PyExpr::Kind::call || expr.items.size() != 2 ||
        expr.items[1].kind != PyExpr::Kind::name ||
        (!is_construct(expr, "Enum") && !is_construct(expr, "ENUM"))) {
      return expr;
    }
    std::string class_name;
    const std::vector<EnumMember>* members = enum_members(expr.items[1].text, &class_name);
    if (!members) return expr;
    return enum_of_class(expr, *members, class_name).value_or(expr);
  }

  // `use` (the decorator's name, or a call of it) as the type the decorator
  // gives PostgreSQL, located at `use`.
  static PyExpr decorated_type(const TypeDecoratorFacts& decorator, const PyExpr& use) {
    PyExpr type = relocated(decorator.type, use);
    bool called = use.kind == PyExpr::Kind::call;
    if (decorator.impl_is_class) {
      if (!called) return type;
      PyExpr call = use;
      call.items[0] = std::move(type);
      return call;
    }
    // self.impl.length: what the decorator passed its impl as the length.
    const PyExpr* length = called ? use.keyword("length") : nullptr;
    if (!length && called && use.items.size() >= 2) length = &use.items[1];
    PyExpr none;
    none.kind = PyExpr::Kind::none;
    return replace_impl_length(std::move(type),
                               length ? relocated(*length, use) : relocated(none, use));
  }

  static PyExpr replace_impl_length(PyExpr expr, const PyExpr& length) {
    if (expr.dotted() == "self.impl.length") return length;
    for (PyExpr& item : expr.items) item = replace_impl_length(std::move(item), length);
    for (auto& keyword : expr.keywords) {
      keyword.second = replace_impl_length(std::move(keyword.second), length);
    }
    return expr;
  }

  // An expression read from another file, its positions moved to `where`.
  static PyExpr relocated(PyExpr expr, const PyExpr& where) {
    expr.begin = where.begin;
    expr.end = where.end;
    for (StringPiece& piece : expr.pieces) {
      piece = {piece.value_begin, piece.value_end, where.begin, where.end, false};
    }
    for (PyExpr& item : expr.items) item = relocated(std::move(item), where);
    for (auto& keyword : expr.keywords)
      keyword.second = relocated(std::move(keyword.second), where);
    return expr;
  }

  const TypeDecoratorFacts* type_decorator(const std::string& name) const {
    if (auto own = facts_.type_decorators.find(name); own != facts_.type_decorators.end()) {
      return &own->second;
    }
    auto imported = facts_.imports.find(name);
    if (imported == facts_.imports.end() || !modules_) return nullptr;
    return modules_->type_decorator(imported->second.first, imported->second.second);
  }

  const std::vector<EnumMember>* enum_members(const std::string& name,
                                              std::string* class_name = nullptr) const {
    if (auto own = facts_.enum_classes.find(name); own != facts_.enum_classes.end()) {
      if (class_name) *class_name = name;
      return &own->second;
    }
    auto imported = facts_.imports.find(name);
    if (imported == facts_.imports.end() || !modules_) return nullptr;
    return modules_->enum_members(imported->second.first, imported->second.second, class_name);
  }

  // Names bound to a new list, set or dict by every assignment to them the
  // reader has seen in this function.
  void note_collection(const std::string& name, bool is_collection) {
    if (is_collection && !not_collections_.count(name)) {
      collections_.insert(name);
    } else {
      collections_.erase(name);
      not_collections_.insert(name);
    }
  }

  // `name.append(...)`, `name[key] = value` and the like on a list, set or
  // dict: the value known for the name no longer holds. On one of Python's
  // own collections, with nothing but pure builtins called, it does nothing
  // to the database: true, nothing to report.
  bool collection_change(const PyStatement& statement, Env& env) {
    size_t first = statement.first;
    if (first + 3 >= statement.last || module_.tokens[first].kind != PyToken::Kind::name) {
      return false;
    }
    std::string name(token_text(first));
    std::string_view next = token_text(first + 1);
    bool changes = false;
    size_t arguments = first + 1;  // where the code evaluated besides the change starts
    if (next == "." && module_.tokens[first + 2].kind == PyToken::Kind::name &&
        token_text(first + 3) == "(" && is_collection_mutator(token_text(first + 2))) {
      changes = true;
      arguments = first + 3;
    } else if (next == "[") {
      for (size_t i = first + 1, depth = 0; i < statement.last; ++i) {
        std::string_view text = token_text(i);
        if (text == "(" || text == "[" || text == "{") ++depth;
        if (text == ")" || text == "]" || text == "}") --depth;
        if (depth == 0 && module_.tokens[i].kind == PyToken::Kind::op && text.ends_with("=") &&
            text != "==" && text != "!=" && text != "<=" && text != ">=") {
          changes = true;
          break;
        }
      }
    }
    if (!changes) return false;
    auto it = env.find(name);
    if (it != env.end() &&
        (it->second.kind == PyExpr::Kind::list || it->second.kind == PyExpr::Kind::dict)) {
      env.erase(it);
    }
    return collections_.count(name) && calls_only_builtins(module_, arguments, statement.last);
  }

  // `name += value` rebinds the name to the sum when both are known (SQL
  // built up piece by piece); any other augmented assignment, or a sum of
  // unknowns, leaves it unknown rather than stale.
  bool augmented_assignment(const PyStatement& statement, Env& env) {
    size_t first = statement.first;
    if (first + 2 >= statement.last || module_.tokens[first].kind != PyToken::Kind::name ||
        module_.tokens[first + 1].kind != PyToken::Kind::op) {
      return false;
    }
    std::string_view op = token_text(first + 1);
    static const std::set<std::string_view> kAugmented = {
        "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@="};
    if (!kAugmented.count(op)) return false;
    std::string name(token_text(first));
    auto it = env.find(name);
    PyExprReader reader(module_.source, module_.tokens, first + 2, statement.last);
    PyExpr value = substitute(reader.read_list(), env);
    if (op != "+=" || it == env.end() || !reader.at_end()) {
      env.erase(name);
      return true;
    }
    PyExpr sum;
    sum.kind = PyExpr::Kind::binary;
    sum.text = "+";
    sum.begin = it->second.begin;
    sum.end = value.end;
    sum.items = {it->second, std::move(value)};
    bind_name(env, name, evaluate(sum));
    return true;
  }

  void call_statement(const PyStatement& statement, const PyExpr& call, const Env& env,
                      const BatchTable* batch, std::string_view batch_alias, int depth) {
    std::string callee = call.items[0].dotted();
    size_t dot = callee.find('.');
    std::string root = callee.substr(0, dot);
    std::string method = dot == std::string::npos ? "" : callee.substr(dot + 1);
    bool is_op = root == "op" && method.find('.') == std::string::npos &&
                 method.find('(') == std::string::npos;
    bool is_batch_op = batch && !batch_alias.empty() && root == batch_alias &&
                       method.find('.') == std::string::npos;
    bool bind_execute = is_bind_execute(call);
    if ((is_op || is_batch_op) && method == "drop_constraint" && unnamed_constraint(call)) {
      return;
    }
    if (is_op || is_batch_op || bind_execute) {
      emit_suppressions(statement);
      try {
        if (!parameters_.count("tables")) {
          if (const PyExpr* table = metadata_table(call)) {
            throw UnresolvedArgument("a table of an object migcheck does not know", table->begin);
          }
        }
        if (bind_execute) {
          execute(call, call.items.size() == 3);
        } else if (method == "execute") {
          execute(call, false);
        } else {
          for (const std::string& sql :
               translate_op_call(method, call, is_batch_op ? batch : nullptr)) {
            emit_generated(sql, call.begin, call.end);
          }
        }
      } catch (const UnresolvedArgument& e) {
        unresolved(
            call.begin, call.end,
            callee + "(...) not translated to SQL: " + e.what() + ", so its SQL is not linted");
      }
      return;
    }
    if (is_enum_method(call)) {
      enum_method(statement, call);
      return;
    }
    // A function defined in the function being translated sees its names
    // as they are when it is called; one of the module sees the module's.
    auto local = local_functions_.find(callee);
    const PyStatement* helper = local != local_functions_.end() ? local->second
                                : functions_.count(callee)      ? functions_[callee]
                                                                : nullptr;
    if (dot == std::string::npos && helper && !call.has_star_args && depth < kMaxHelperDepth) {
      const Env& scope = local != local_functions_.end() ? env : module_env_;
      if (std::optional<Env> helper_env = bind_arguments(*helper, call, scope)) {
        walk(helper->body, *helper_env, batch, batch_alias, depth + 1);
        return;
      }
    }
    if (is_logging(callee)) return;
    // quay's test-data hooks (tester.populate_table/_column): its env.py passes
    // a NoopTester unless TEST_MIGRATE=true on a test database, so in a
    // deployment they run nothing.
    if (root == "tester" && parameters_.count("tester") && parameters_.count("tables")) return;
    std::string shown = callee.empty() ? "a call" : callee + "(...)";
    unresolved(call.begin, call.end,
               shown + " not translated to SQL: migcheck cannot see what it does to the database");
  }

  // op.drop_constraint(None, ...), which Alembic's autogenerate writes when it
  // cannot read a constraint's name: SQLAlchemy refuses to compile a DROP
  // CONSTRAINT without a name, so the function fails there. In a downgrade
  // that is a revision that cannot be rolled back.
  bool unnamed_constraint(const PyExpr& call) {
    const PyExpr* name = call.items.size() >= 2 ? &call.items[1] : call.keyword("constraint_name");
    if (!name || name->kind != PyExpr::Kind::none) return false;
    std::string fails =
        "drop_constraint(None, ...) fails when it runs: SQLAlchemy cannot emit DROP CONSTRAINT "
        "for a constraint without a name";
    if (function_name_ != "downgrade") {
      unresolved(call.begin, call.end, fails);
      return true;
    }
    Finding finding;
    finding.rule = std::string(kIrreversibleDowngrade.id);
    finding.severity = kIrreversibleDowngrade.severity;
    finding.message = fails + ", so this revision cannot be rolled back" +
                      (may_run_.empty() ? "" : " (" + may_run_ + ")");
    finding.help =
        "Name the constraint (its name in the database, e.g. from \\d table in psql), as "
        "autogenerate could not.";
    finding.location = location_in(*file_, call.begin, call.end);
    findings_.push_back(std::move(finding));
    return true;
  }

  // op.execute(sql) or a bound connection's execute(sql[, parameters]).
  // sa.Enum(..., name=...).create(bind) / postgresql.ENUM(...).drop(bind).
  static bool is_enum_method(const PyExpr& call) {
    const PyExpr& callee = call.items[0];
    return callee.kind == PyExpr::Kind::attribute &&
           (callee.text == "create" || callee.text == "drop") &&
           callee.items[0].kind == PyExpr::Kind::call &&
           (is_construct(callee.items[0], "Enum") || is_construct(callee.items[0], "ENUM"));
  }

  void enum_method(const PyStatement& statement, const PyExpr& call) {
    const PyExpr& callee = call.items[0];
    emit_suppressions(statement);
    try {
      // postgresql.ENUM checks the catalog first by default; sa.Enum does not.
      const PyExpr* checkfirst =
          call.items.size() >= 3 ? &call.items[2] : call.keyword("checkfirst");
      bool checks = bool_value(checkfirst, is_construct(callee.items[0], "ENUM"), "checkfirst");
      std::string sql = translate_enum_method(callee.text, callee.items[0]);
      std::string outer = may_run_;
      if (checks) {
        may_run_ = callee.text == "create"
                       ? "may run: checkfirst skips it when the type already exists"
                       : "may run: checkfirst skips it when the type does not exist";
      }
      emit_generated(sql, call.begin, call.end);
      may_run_ = std::move(outer);
    } catch (const UnresolvedArgument& e) {
      unresolved(call.begin, call.end,
                 "." + callee.text + "(...) of an enum type not translated to SQL: " + e.what() +
                     ", so its SQL is not linted");
    }
  }

  // The names a same-file helper sees when `call` runs it: `scope`'s, and
  // its parameters bound as Python binds them (positional arguments, then
  // keywords, then defaults). A parameter whose value is not known is
  // unknown in the body; nullopt when the call does not fit the signature.
  std::optional<Env> bind_arguments(const PyStatement& def, const PyExpr& call, const Env& scope) {
    Env env = scope;
    size_t open = def.first + 2;
    if (open >= def.last || token_text(open) != "(") return std::nullopt;
    size_t positional = 1;  // call.items[0] is the callee
    std::set<std::string> keywords_used;
    bool keyword_only = false;
    for (size_t i = open + 1; i < def.last && token_text(i) != ")";) {
      // One parameter: [*|**]name[: annotation][= default], up to a comma at depth 0.
      size_t end = i;
      for (int nesting = 0; end < def.last; ++end) {
        std::string_view text = token_text(end);
        if (nesting == 0 && (text == "," || text == ")")) break;
        if (text == "(" || text == "[" || text == "{") ++nesting;
        if (text == ")" || text == "]" || text == "}") --nesting;
      }
      std::string_view first = token_text(i);
      if (first == "*" && end == i + 1) {
        keyword_only = true;  // a bare `*`: the parameters after it are keyword-only
      } else if (first == "*" || first == "**") {
        return std::nullopt;  // *args / **kwargs: not modelled
      } else if (first != "/") {
        std::string name(first);
        const PyExpr* value = nullptr;
        if (const PyExpr* keyword = call.keyword(name)) {
          value = keyword;
          keywords_used.insert(name);
        } else if (!keyword_only && positional < call.items.size()) {
          value = &call.items[positional++];
        }
        PyExpr fallback;
        if (!value) {
          for (size_t d = i; d < end; ++d) {
            if (token_text(d) != "=") continue;
            PyExprReader reader(module_.source, module_.tokens, d + 1, end);
            fallback = substitute(reader.read(), module_env_);
            value = &fallback;
            break;
          }
        }
        if (value) {
          bind_name(env, name, *value);
        } else {
          env.erase(name);
        }
      }
      i = end < def.last && token_text(end) == "," ? end + 1 : end;
    }
    if (positional < call.items.size() || keywords_used.size() < call.keywords.size()) {
      return std::nullopt;  // more arguments than parameters
    }
    return env;
  }

  void execute(const PyExpr& call, bool with_parameters) {
    const PyExpr* sql = call.items.size() >= 2 ? &call.items[1] : call.keyword("sqltext");
    if (!sql) throw UnresolvedArgument("op.execute without SQL", call.begin);
    std::optional<std::string> generated = render_core_statement(*sql);
    if (!generated) generated = render_sequence_statement(*sql);
    if (generated) {
      emit_generated(*generated, call.begin, call.end);
      return;
    }
    // sa.text("... :id").bindparams(...) gives the parameters their values.
    if (sql->kind == PyExpr::Kind::call && sql->items[0].kind == PyExpr::Kind::attribute &&
        sql->items[0].text == "bindparams") {
      sql = &sql->items[0].items[0];
      with_parameters = true;
    }
    const PyExpr& literal = sql_text_literal(*sql, "the SQL");
    if (!with_parameters) {
      emit_literal(literal, call.begin, call.end);
      return;
    }
    // Values only Python knows: the SQL is linted with $n in their places.
    PyExpr numbered = literal;
    numbered.text = number_bind_parameters(literal.text);
    emit_literal(numbered, call.begin, call.end);
  }

  // --- output -------------------------------------------------------------

  SqlUnit& unit() {
    if (new_unit_ || units_.empty()) {
      SqlUnit unit;
      unit.map = SourceMap(file_);
      unit.transactional = transactional_;
      units_.push_back(std::move(unit));
      new_unit_ = false;
      for (const PyToken* comment : file_ignores_) append_comment(units_.back(), *comment);
    }
    return units_.back();
  }

  void mark_statement() { has_statement_.insert(units_.size() - 1); }

  static void append(SqlUnit& unit, const std::string& text, size_t file_begin, size_t file_end,
                     bool exact) {
    if (text.empty()) return;
    size_t begin = unit.sql.size();
    unit.sql += text;
    unit.map.add({begin, unit.sql.size(), file_begin, file_end, exact});
  }

  // "# migcheck:ignore rule reason" becomes "-- migcheck:ignore rule reason".
  void append_comment(SqlUnit& unit, const PyToken& comment) {
    std::string_view text = comment.text(module_.source);
    text.remove_prefix(1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    append(unit, "-- " + std::string(text) + "\n", comment.begin, comment.end, false);
  }

  void emit_suppressions(const PyStatement& statement) {
    const PyToken& first = module_.tokens[statement.first];
    const PyToken& last = module_.tokens[statement.last - 1];
    for (const PyToken* comment : module_.comments_on(first.line - 1, last.line)) {
      std::string_view text = comment->text(module_.source);
      // On the line above, only a comment standing alone belongs to this call.
      if (comment->line < first.line && !stands_alone(*comment)) continue;
      if (text.find("migcheck:ignore") != std::string_view::npos &&
          text.find("migcheck:ignore-file") == std::string_view::npos) {
        pending_comments_.push_back(comment);
      }
    }
  }

  bool stands_alone(const PyToken& comment) const {
    size_t line_start = module_.source.find_last_of("\r\n", comment.begin);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::string_view before = module_.source.substr(line_start, comment.begin - line_start);
    return before.find_first_not_of(" \t\f") == std::string_view::npos;
  }

  void flush_comments(SqlUnit& target) {
    for (const PyToken* comment : pending_comments_) append_comment(target, *comment);
    pending_comments_.clear();
  }

  // Conditional SQL is linted as any other; its findings say it may not run.
  // So are the notes on the settings read from the environment it was built
  // from.
  void note_conditional(size_t call_begin, size_t call_end) {
    std::string why = may_run_;
    for (const std::string& note : statement_notes_) why += (why.empty() ? "" : "; ") + note;
    if (!why.empty()) conditional_.push_back({location_in(*file_, call_begin, call_end), why});
  }

  void emit_generated(const std::string& sql, size_t call_begin, size_t call_end) {
    note_conditional(call_begin, call_end);
    SqlUnit& target = unit();
    flush_comments(target);
    append(target, sql + ";\n", call_begin, call_end, false);
    mark_statement();
  }

  void emit_literal(const PyExpr& literal, size_t call_begin, size_t call_end) {
    const std::string& sql = literal.text;
    size_t last = sql.find_last_not_of(" \t\r\n\f\v");
    if (last == std::string::npos) {
      pending_comments_.clear();
      return;  // nothing to run
    }
    note_conditional(call_begin, call_end);
    SqlUnit& target = unit();
    flush_comments(target);
    size_t offset = target.sql.size();
    target.sql += sql;
    for (const StringPiece& piece : literal.pieces) {
      target.map.add({offset + piece.value_begin, offset + piece.value_end, piece.file_begin,
                      piece.file_end, piece.exact});
    }
    // Close the last statement unless the SQL does; a trailing -- comment
    // would swallow a semicolon on its own line.
    size_t line_start = sql.find_last_of("\n", last);
    std::string_view last_line =
        std::string_view(sql).substr(line_start == std::string::npos ? 0 : line_start + 1);
    std::string tail = sql[last] == ';'                                 ? "\n"
                       : last_line.find("--") != std::string_view::npos ? "\n;\n"
                                                                        : ";\n";
    append(target, tail, call_begin, call_end, false);
    mark_statement();
  }

  const PyModule& module_;
  std::shared_ptr<const SourceFile> file_;
  std::map<std::string, const PyStatement*> functions_;        // the module's
  std::map<std::string, const PyStatement*> local_functions_;  // defined in the function
  Env module_env_;
  std::vector<const PyToken*> file_ignores_;
  std::vector<const PyToken*> pending_comments_;
  std::vector<SqlUnit> units_;
  std::set<size_t> has_statement_;
  std::vector<Finding> findings_;
  std::vector<ConditionalSql> conditional_;
  std::string_view function_name_;  // upgrade or downgrade
  // The revision function's parameter names. quay's env.py calls
  // upgrade(op, tables, tester): `tables.<name>` is the table of that name in
  // the application's metadata, and `tester` a NoopTester in every deployment.
  std::set<std::string_view> parameters_;
  const ProjectModules* modules_;
  ModuleFacts facts_;    // the revision file's own enum classes and imports
  std::string may_run_;  // why the code being walked may not run; empty when it runs
  // Names whose values were built from settings read from the environment,
  // with the notes saying how each setting was read; and the notes of the
  // statement being translated.
  std::map<std::string, std::set<std::string>> name_notes_;
  std::set<std::string> statement_notes_;
  std::set<std::string> collections_;      // see note_collection
  std::set<std::string> not_collections_;  // names ever bound to something else
  bool transactional_ = true;
  bool new_unit_ = true;
};

}  // namespace

TranslatedFunction translate_function(const PyModule& module,
                                      const std::shared_ptr<const SourceFile>& file,
                                      const PyStatement& function, const ProjectModules* modules) {
  return Translator(module, file, modules).run(function);
}

}  // namespace migcheck
