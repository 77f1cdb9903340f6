#include "runner/conninfo.h"

#include <libpq-fe.h>

#include <memory>
#include <regex>

#include "linter/input_error.h"

namespace migcheck {
namespace {

using Options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

Options parse_url(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string message = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw InputError("--database-url " + mask_password(url) + ": " + message);
  }
  return Options(options, PQconninfoFree);
}

// The URL with its path (the database name) replaced, and the scheme spelled
// the way SQLAlchemy 1.4 requires.
std::string replace_url_database(const std::string& url, const std::string& database) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    throw InputError("--database-url " + mask_password(url) +
                     ": expected a URL such as postgresql://user@host/dbname");
  }
  size_t authority_end = url.find_first_of("/?", scheme_end + 3);
  std::string authority = url.substr(scheme_end + 3, authority_end - (scheme_end + 3));
  std::string query;
  if (authority_end != std::string::npos) {
    size_t query_begin = url.find('?', authority_end);
    if (query_begin != std::string::npos) query = url.substr(query_begin);
  }
  return "postgresql://" + authority + "/" + database + query;
}

}  // namespace

std::string conninfo_quote(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

std::string url_database(const std::string& url) {
  Options options = parse_url(url);
  std::string user;
  for (PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr || option->val[0] == '\0') continue;
    std::string keyword = option->keyword;
    if (keyword == "dbname") return option->val;
    if (keyword == "user") user = option->val;
  }
  return user;
}

DatabaseEndpoint url_endpoint(const std::string& url, const std::string& database) {
  Options options = parse_url(url);
  DatabaseEndpoint endpoint;
  for (PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    std::string keyword = option->keyword;
    if (keyword == "dbname" || option->val == nullptr || option->val[0] == '\0') continue;
    endpoint.conninfo += keyword + "=" + conninfo_quote(option->val) + " ";
  }
  endpoint.conninfo += "dbname=" + conninfo_quote(database);
  endpoint.url = replace_url_database(url, database);
  endpoint.display = mask_password(endpoint.url);
  return endpoint;
}

std::string mask_password(const std::string& text) {
  static const std::regex url_password(R"(((?:postgres|postgresql)://[^:/?#@\s]*):[^@/\s]*@)");
  static const std::regex keyword_password(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*))");
  std::string masked = std::regex_replace(text, url_password, "$1:***@");
  return std::regex_replace(masked, keyword_password, "$1***");
}

}  // namespace migcheck
