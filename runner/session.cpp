#include "runner/session.h"

namespace migcheck {

std::string primary_message(const std::string& what) {
  std::string line = what.substr(0, what.find('\n'));
  for (const char* severity : {"ERROR:  ", "FATAL:  ", "PANIC:  "}) {
    if (line.rfind(severity, 0) == 0) return line.substr(std::string(severity).size());
  }
  return line;
}

std::string detail_message(const std::string& what) {
  const std::string marker = "\nDETAIL:  ";
  size_t at = what.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return what.substr(at, what.find('\n', at) - at);
}

}  // namespace migcheck
