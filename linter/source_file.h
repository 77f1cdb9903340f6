#pragma once
#include <memory>
#include <string>

#include "linter/line_index.h"

namespace migcheck {

// A file as the user wrote it: its path for reports, its bytes, and their
// line index. Shared by every SQL unit generated from it.
class SourceFile {
 public:
  static std::shared_ptr<const SourceFile> make(std::string path, std::string text) {
    return std::shared_ptr<const SourceFile>(new SourceFile(std::move(path), std::move(text)));
  }
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  const LineIndex& lines() const { return lines_; }

 private:
  SourceFile(std::string path, std::string text)
      : path_(std::move(path)), text_(std::move(text)), lines_(text_) {}
  SourceFile(const SourceFile&) = delete;

  std::string path_;
  std::string text_;
  LineIndex lines_;
};

}  // namespace migcheck
