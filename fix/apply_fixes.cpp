#include "fix/apply_fixes.h"

#include <algorithm>

namespace migcheck {

namespace {

// Two edits collide when their ranges overlap, or when one inserts where the
// other replaces (before or after the replaced text would be a guess). Two
// insertions at one point do not: they go in in fix order.
bool collide(const TextEdit& a, const TextEdit& b) {
  if (a.file != b.file || a == b) return false;
  bool a_inserts = a.begin == a.end, b_inserts = b.begin == b.end;
  if (a_inserts && b_inserts) return false;
  if (a_inserts) return b.begin <= a.begin && a.begin < b.end;
  if (b_inserts) return a.begin <= b.begin && b.begin < a.end;
  return a.begin < b.end && b.begin < a.end;
}

}  // namespace

std::vector<FixedFile> apply_fixes(
    const std::vector<Fix>& fixes,
    const std::map<std::string, std::shared_ptr<const SourceFile>>& sources, size_t* skipped) {
  std::vector<TextEdit> taken;
  std::map<std::string, std::string> created;
  for (const Fix& fix : fixes) {
    bool applicable = std::all_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& edit) {
      auto source = sources.find(edit.file);
      return source != sources.end() && edit.begin <= edit.end &&
             edit.end <= source->second->text().size() &&
             std::none_of(taken.begin(), taken.end(),
                          [&](const TextEdit& other) { return collide(edit, other); });
    });
    applicable =
        applicable &&
        std::none_of(fix.new_files.begin(), fix.new_files.end(), [&](const NewFile& file) {
          auto it = created.find(file.path);
          return sources.count(file.path) || (it != created.end() && it->second != file.content);
        });
    if (!applicable) {
      if (skipped) ++*skipped;
      continue;
    }
    for (const TextEdit& edit : fix.edits) {
      if (std::find(taken.begin(), taken.end(), edit) == taken.end()) taken.push_back(edit);
    }
    for (const NewFile& file : fix.new_files) created[file.path] = file.content;
  }
  // Apply from the end of each file so earlier offsets stay valid; of two
  // insertions at one point the later goes in first, so it ends up second.
  std::reverse(taken.begin(), taken.end());
  std::stable_sort(taken.begin(), taken.end(), [](const TextEdit& a, const TextEdit& b) {
    return a.file != b.file ? a.file < b.file : a.begin > b.begin;
  });
  std::map<std::string, FixedFile> changed;
  for (const TextEdit& edit : taken) {
    auto it = changed.find(edit.file);
    if (it == changed.end()) {
      const std::string& text = sources.at(edit.file)->text();
      it = changed.emplace(edit.file, FixedFile{edit.file, text, text}).first;
    }
    it->second.after.replace(edit.begin, edit.end - edit.begin, edit.replacement);
  }
  for (const auto& [path, content] : created) changed[path] = {path, std::nullopt, content};
  std::vector<FixedFile> files;
  for (auto& [path, file] : changed) {
    if (file.before != file.after) files.push_back(std::move(file));
  }
  return files;
}

}  // namespace migcheck
