#pragma once
#include <map>
#include <optional>
#include <string>

namespace migcheck::lsp {

// The documents the editor has open, by absolute path: their text as the
// user sees it (unsaved edits included), which is what migcheck lints.
class DocumentStore {
 public:
  struct Document {
    std::string text;
    int version = 0;
  };

  void open(const std::string& path, std::string text, int version);
  // Full-text sync: the whole new text. False when the document is not open.
  bool change(const std::string& path, std::string text, int version);
  void close(const std::string& path);

  const Document* find(const std::string& path) const;
  const std::map<std::string, Document>& documents() const { return documents_; }

 private:
  std::map<std::string, Document> documents_;
};

}  // namespace migcheck::lsp
