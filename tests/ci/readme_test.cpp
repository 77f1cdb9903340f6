// README.md is the first thing a visitor reads: its numbers come from the rule
// catalog and its links from the tree, and both went stale unnoticed before
// ("50 rules" beside 72 ids; a DESIGN.md that was not in the repository).
#include <doctest/doctest.h>

#include <map>
#include <regex>

#include "ci/rule_catalog.h"
#include "tests/test_support.h"

using namespace migcheck;
using namespace migcheck::testing;

namespace {

// The README with every run of white space made one space, so a phrase
// wrapped across lines is still found.
std::string readme_text() {
  std::string text = read_file(source_dir() / "README.md");
  return std::regex_replace(text, std::regex("\\s+"), " ");
}

}  // namespace

TEST_CASE("README's rule counts are the catalog's") {
  std::map<std::string, size_t> expected;
  for (RuleKind kind : {RuleKind::lint, RuleKind::project, RuleKind::round_trip}) {
    expected[std::string(kind_noun(kind)) + "s"] = count_rules(kind);
  }
  expected["finding ids"] = known_rules().size();

  std::string text = readme_text();
  std::map<std::string, int> stated;
  std::regex count("(\\d+) (lint rules|project checks|round-trip checks|finding ids)");
  for (std::sregex_iterator it(text.begin(), text.end(), count), end; it != end; ++it) {
    std::string phrase = (*it)[0];
    INFO("README.md says \"" << phrase << "\"");
    CHECK(std::stoul((*it)[1]) == expected[(*it)[2]]);
    ++stated[(*it)[2]];
  }
  for (const auto& [noun, number] : expected) {
    INFO("README.md should say how many " << noun << " there are: " << number);
    CHECK(stated[noun] > 0);
  }
}

TEST_CASE("README's links to files of the repository lead to files") {
  std::string text = readme_text();
  std::regex link("\\]\\(([^)#:]+)(#[^)]*)?\\)");  // no ':' so no https:// link
  int links = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
    std::string target = (*it)[1];
    INFO(target);
    CHECK(std::filesystem::exists(source_dir() / target));
    ++links;
  }
  CHECK(links > 0);
  CHECK(text.find("(docs/DESIGN.md)") != std::string::npos);
}
