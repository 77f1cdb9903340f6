#pragma once
#include <string>
#include <string_view>
#include <utility>

namespace migcheck {

// A finding's help: nearly always its rule's own recipe, a text that lives as
// long as the program, which the finding then points at instead of copying
// (a lint of thousands of files made as many copies of a few texts, each
// hundreds of bytes). Help built at run time is owned.
class HelpText {
 public:
  HelpText() = default;
  HelpText(std::string text) : owned_(std::move(text)) {}  // NOLINT: built help converts
  HelpText(const char* text) : owned_(text) {}             // NOLINT: so does a literal
  // Text in static storage (a Rule's safe_alternative), never copied.
  static HelpText fixed(std::string_view text) {
    HelpText help;
    help.fixed_ = text;
    return help;
  }

  std::string_view view() const { return fixed_.data() ? fixed_ : std::string_view(owned_); }
  operator std::string_view() const { return view(); }  // NOLINT: read like a string
  bool empty() const { return view().empty(); }
  // Whether this is text in static storage (made by fixed()), the same for
  // every finding of a rule.
  bool is_fixed() const { return fixed_.data() != nullptr; }

 private:
  std::string_view fixed_;
  std::string owned_;
};

}  // namespace migcheck
