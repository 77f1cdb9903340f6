#pragma once
#include <stdexcept>
#include <string>

namespace migcheck {

// An error in what the user gave us (a file, a flag, a configuration): reported
// as one line naming the file and position, and exit code 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace migcheck
