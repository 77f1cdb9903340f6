#include "ci/lsp/document_store.h"

namespace migcheck::lsp {

void DocumentStore::open(const std::string& path, std::string text, int version) {
  documents_[path] = {std::move(text), version};
}

bool DocumentStore::change(const std::string& path, std::string text, int version) {
  auto it = documents_.find(path);
  if (it == documents_.end()) return false;
  it->second = {std::move(text), version};
  return true;
}

void DocumentStore::close(const std::string& path) {
  documents_.erase(path);
}

const DocumentStore::Document* DocumentStore::find(const std::string& path) const {
  auto it = documents_.find(path);
  return it == documents_.end() ? nullptr : &it->second;
}

}  // namespace migcheck::lsp
