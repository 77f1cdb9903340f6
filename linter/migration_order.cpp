#include "linter/migration_order.h"

#include <algorithm>
#include <tuple>

namespace migcheck {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view file_name(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A name cut into its version's numbers (without leading zeros) and the rest,
// with a down migration's name spelled as its up migration's.
struct OrderKey {
  std::vector<std::string> version;
  std::string rest;
  bool down = false;
};

OrderKey order_key(std::string_view path) {
  std::string_view name = file_name(path);
  OrderKey key;
  key.down = is_down_migration_file(path);
  size_t i = !name.empty() && (name[0] == 'V' || name[0] == 'U') ? 1 : 0;
  // Parts are digit runs joined by single '.' or '_' (Flyway's V1_1__, V1.2__).
  while (i < name.size() && is_digit(name[i])) {
    size_t begin = i;
    while (i < name.size() && is_digit(name[i])) ++i;
    std::string_view digits = name.substr(begin, i - begin);
    size_t nonzero = std::min(digits.find_first_not_of('0'), digits.size() - 1);
    key.version.emplace_back(digits.substr(nonzero));
    if (i + 1 < name.size() && (name[i] == '.' || name[i] == '_') && is_digit(name[i + 1])) ++i;
  }
  if (key.version.empty()) i = 0;
  key.rest = std::string(name.substr(i));
  if (size_t down = key.rest.rfind(".down."); down != std::string::npos) {
    key.rest.replace(down, 6, ".up.");
  }
  return key;
}

// Numbers without leading zeros compare by length, then digit by digit.
bool version_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](const std::string& x, const std::string& y) {
                                        return std::make_pair(x.size(), std::string_view(x)) <
                                               std::make_pair(y.size(), std::string_view(y));
                                      });
}

}  // namespace

bool is_down_migration_file(std::string_view path) {
  std::string_view name = file_name(path);
  if (name.find(".down.") != std::string_view::npos) return true;
  return name.size() > 1 && name[0] == 'U' && is_digit(name[1]) &&
         name.find("__") != std::string_view::npos;
}

void sort_migration_files(std::vector<std::string>& paths) {
  std::vector<std::pair<OrderKey, std::string>> keyed;
  keyed.reserve(paths.size());
  for (std::string& path : paths) keyed.emplace_back(order_key(path), std::move(path));
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    const OrderKey& x = a.first;
    const OrderKey& y = b.first;
    if (x.version.empty() != y.version.empty()) return y.version.empty();
    if (version_less(x.version, y.version)) return true;
    if (version_less(y.version, x.version)) return false;
    return std::tie(x.rest, x.down, a.second) < std::tie(y.rest, y.down, b.second);
  });
  for (size_t i = 0; i < paths.size(); ++i) paths[i] = std::move(keyed[i].second);
}

}  // namespace migcheck
