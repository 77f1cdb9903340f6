#include "runner/session.h"

namespace migcheck {

std::string primary_message(const std::string& what) {
  std::string line = what.substr(0, what.find('\n'));
  for (const char* severity : {"ERROR:  ", "FATAL:  ", "PANIC:  "}) {
    if (line.rfind(severity, 0) == 0) return line.substr(std::string(severity).size());
  }
  return line;
}

}  // namespace migcheck
