// Libraries loaded on first use (libgit2, libpq): a real one resolves, a
// missing one or a missing function is an error that names it.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "linter/input_error.h"
#include "migrations/on_demand_library.h"

namespace migcheck {
namespace {

std::string error_of(OnDemandLibrary& library, const char* name) {
  try {
    library.symbol(name);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

TEST_CASE("on-demand library: a present library's function is found and callable") {
  OnDemandLibrary libc("libc.so.6");
  auto length = reinterpret_cast<decltype(&std::strlen)>(libc.symbol("strlen"));
  CHECK(length("migcheck") == 8);
  CHECK(error_of(libc, "no_such_function_in_libc")
            .find("libc.so.6 has no function "
                  "no_such_function_in_libc") == 0);
}

TEST_CASE("on-demand library: a missing library is reported on every call, with the reason") {
  OnDemandLibrary missing("libmigcheck-absent.so.0");
  std::string first = error_of(missing, "anything");
  CHECK(first.find("libmigcheck-absent.so.0, which this command needs, cannot be loaded: ") == 0);
  CHECK(first.find("No such file") != std::string::npos);
  CHECK(error_of(missing, "anything") == first);
}

}  // namespace
}  // namespace migcheck
