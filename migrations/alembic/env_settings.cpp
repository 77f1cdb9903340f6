#include "migrations/alembic/env_settings.h"

#include <regex>
#include <string>

#include "linter/ascii_text.h"
#include "linter/input_error.h"
#include "migrations/alembic/python_tokens.h"

namespace migcheck {
namespace {

// Records `name` as set unless `value` turns it off ("0", "0s", "0ms").
void record(ConnectionSettings& settings, const std::string& setting, const std::string& value) {
  static const std::regex off("^0+[a-z]*$", std::regex::icase);
  if (std::regex_match(value, off)) return;
  std::string name = ascii_lower(setting);
  if (name == "lock_timeout") settings.lock_timeout = true;
  if (name == "statement_timeout") settings.statement_timeout = true;
}

// SET [SESSION|LOCAL] x = v / SET x TO v in SQL, and -c x=v in libpq options.
void read_string(ConnectionSettings& settings, const std::string& text) {
  static const std::regex setting(
      "(?:\\bSET\\s+(?:SESSION\\s+|LOCAL\\s+)?|-c\\s*)(lock_timeout|statement_timeout)"
      "\\s*(?:=|\\sTO\\s)\\s*'?([0-9a-z]+)",
      std::regex::icase);
  for (std::sregex_iterator it(text.begin(), text.end(), setting), end; it != end; ++it) {
    record(settings, (*it)[1], (*it)[2]);
  }
}

std::string unquoted(std::string_view literal) {
  size_t open = literal.find_first_of("'\"");
  if (open == std::string_view::npos || literal.size() < open + 2) return std::string(literal);
  return std::string(literal.substr(open + 1, literal.size() - open - 2));
}

}  // namespace

ConnectionSettings read_env_settings(std::string_view source) {
  std::vector<PyToken> tokens;
  try {
    tokens = tokenize_python(source, "env.py");
  } catch (const InputError&) {
    // Only the timeouts are read here: an env.py Python refuses is Alembic's
    // to report when it runs.
    return {};
  }
  ConnectionSettings settings;
  for (size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].kind != PyToken::Kind::string) continue;
    // A string that starts a statement (a docstring) runs nothing.
    PyToken::Kind before = tokens[i - 1].kind;
    if (before == PyToken::Kind::newline || before == PyToken::Kind::indent ||
        before == PyToken::Kind::dedent || before == PyToken::Kind::comment) {
      continue;
    }
    std::string text(tokens[i].text(source));
    read_string(settings, text);
    // {"lock_timeout": "5s"}: asyncpg's server_settings.
    bool key = i + 2 < tokens.size() && tokens[i + 1].text(source) == ":" &&
               (tokens[i + 2].kind == PyToken::Kind::string ||
                tokens[i + 2].kind == PyToken::Kind::number);
    if (key) record(settings, unquoted(text), unquoted(tokens[i + 2].text(source)));
  }
  return settings;
}

}  // namespace migcheck
