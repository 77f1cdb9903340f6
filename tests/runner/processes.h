#pragma once
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace migcheck::testing {

// /proc/PID/NAME, empty for a process that has gone, even one that goes
// while it is read (the read then fails with ESRCH, which the stream throws).
inline std::string proc_file(const std::string& pid, const char* name) {
  try {
    std::ifstream in("/proc/" + pid + "/" + name, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {
    return {};
  }
}

// The parent pid of process `pid`, from /proc/PID/stat ("pid (comm) state ppid ...").
inline int parent_of(const std::string& pid) {
  std::string stat = proc_file(pid, "stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return -1;
  return std::atoi(stat.c_str() + paren + 4);
}

inline std::vector<std::string> children_of(int parent) {
  std::vector<std::string> children;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") == std::string::npos && parent_of(name) == parent) {
      children.push_back(name);
    }
  }
  return children;
}

inline std::string cmdline_of(const std::string& pid) {
  std::string text = proc_file(pid, "cmdline");
  for (char& c : text) c = c == '\0' ? ' ' : c;
  return text;
}

// Processes whose command line mentions `needle` (a server's data dir).
inline int processes_mentioning(const std::string& needle) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") == std::string::npos &&
        cmdline_of(name).find(needle) != std::string::npos) {
      ++count;
    }
  }
  return count;
}

}  // namespace migcheck::testing
