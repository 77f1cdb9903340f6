#include "migrations/on_demand_library.h"

#include <dlfcn.h>

#include <string>

#include "linter/input_error.h"

namespace migcheck {

void* OnDemandLibrary::symbol(const char* name) {
  std::call_once(loaded_, [this] {
    // RTLD_NOW: a library that loads but lacks a dependency fails here, not
    // in the middle of a command.
    handle_ = dlopen(soname_, RTLD_NOW);
    // Kept: dlerror() forgets its message once read, and every later call
    // must say the same.
    if (!handle_) load_error_ = dlerror();
  });
  if (!handle_) {
    throw InputError(std::string(soname_) +
                     ", which this command needs, cannot be loaded: " + load_error_);
  }
  void* address = dlsym(handle_, name);
  if (!address) throw InputError(std::string(soname_) + " has no function " + name);
  return address;
}

}  // namespace migcheck
