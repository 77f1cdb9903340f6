#include "migrations/alembic/sqlalchemy_enum_class.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <sstream>

#include "linter/ascii_text.h"

namespace migcheck {
namespace {

using Kind = PyExpr::Kind;

bool is_identifier(const std::string& word) {
  return !word.empty() && !std::isdigit(static_cast<unsigned char>(word[0])) &&
         std::all_of(word.begin(), word.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// "value" or "name" for `lambda x : [ e . value for e in x ]`; empty for any
// other lambda.
std::string attribute_listed(const PyExpr& lambda) {
  std::istringstream in(lambda.text);
  std::vector<std::string> t{std::istream_iterator<std::string>(in), {}};
  if (t.size() != 12 || t[0] != "lambda" || t[2] != ":" || t[3] != "[" || t[5] != "." ||
      t[7] != "for" || t[9] != "in" || t[11] != "]" || t[1] != t[10] || t[4] != t[8] ||
      !is_identifier(t[1]) || !is_identifier(t[4]) || (t[6] != "value" && t[6] != "name")) {
    return "";
  }
  return t[6];
}

}  // namespace

std::optional<PyExpr> enum_of_class(const PyExpr& call, const std::vector<EnumMember>& members,
                                    const std::string& class_name) {
  const PyExpr where = call.items[1];
  std::vector<std::string> values;
  const PyExpr* callable = call.keyword("values_callable");
  if (!callable) {
    for (const EnumMember& member : members) values.push_back(member.name);
  } else {
    std::string attribute = attribute_listed(*callable);
    if (attribute.empty()) return std::nullopt;
    // A member whose value an earlier one has is an alias: iterating the
    // class skips it, and SQLAlchemy 1.4 then fails (KeyError) pairing the
    // values with the members. Left to the run.
    std::set<std::string> seen;
    for (const EnumMember& member : members) {
      if (member.value.kind != Kind::string || !seen.insert(member.value.text).second) {
        return std::nullopt;
      }
      values.push_back(attribute == "value" ? member.value.text : member.name);
    }
  }
  PyExpr out = call;
  out.items.resize(1);
  for (const std::string& value : values) out.items.push_back(located_string(value, where));
  std::erase_if(out.keywords, [](const auto& k) { return k.first == "values_callable"; });
  if (!call.keyword("name")) {
    out.keywords.emplace_back("name", located_string(ascii_lower(class_name), where));
  }
  return out;
}

}  // namespace migcheck
