#pragma once
#include <mutex>
#include <string>

namespace migcheck {

// A shared library loaded the first time one of its functions is called,
// not when migcheck starts. libgit2 and libpq bring 31 libraries with them
// (TLS, Kerberos, LDAP, SSH) that the loader would map and relocate on every
// start: about 10 ms, most of a pre-commit hook's lint of one file, spent for
// commands that never open a repository or a database.
//
// The library's functions are defined in migcheck with MIGCHECK_ON_DEMAND,
// one line each (libgit2_on_demand.cpp, libpq_on_demand.cpp): the compiler
// checks each line against the library's own header, and a function used
// without a line fails to link. A library that cannot be loaded is reported,
// with the loader's reason, by the first call that needs it.
class OnDemandLibrary {
 public:
  constexpr explicit OnDemandLibrary(const char* soname) : soname_(soname) {}
  // The address of `name` in the library, loading the library first if need
  // be; throws InputError when the library or the function is missing.
  void* symbol(const char* name);

 private:
  const char* soname_;
  std::once_flag loaded_;
  void* handle_ = nullptr;
  std::string load_error_;  // the loader's reason when handle_ is null
};

}  // namespace migcheck

// Defines the function `name` (declared by the library's header) as a call
// to the library's own, looked up once on first use.
#define MIGCHECK_ON_DEMAND(library, result, name, parameters, arguments)               \
  result name parameters {                                                             \
    static const auto real = reinterpret_cast<decltype(&name)>(library.symbol(#name)); \
    return real arguments;                                                             \
  }
