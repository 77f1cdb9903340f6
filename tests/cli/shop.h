#pragma once
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/test_support.h"

namespace migcheck::testing {

// The shop example's head revision: new revisions go on top of it.
inline constexpr const char* kShopHead = "e4b8d0f5c2a9";

// A copy of examples/shop in `dir`, to change.
inline std::filesystem::path copy_shop(const TempDir& dir) {
  auto shop = dir / "shop";
  REQUIRE(run_command("cp -r " + shell_quote((source_dir() / "examples/shop").string()) + " " +
                      shell_quote(shop.string()))
              .exit_code == 0);
  return shop;
}

// A revision file in the shop's versions folder; `upgrade` and `downgrade`
// are each one line of Python.
inline void add_shop_revision(const std::filesystem::path& shop, const std::string& id,
                              const std::string& parent, const std::string& upgrade,
                              const std::string& downgrade) {
  write_file(shop / ("migrations/versions/" + id + "_test.py"),
             "\"\"\"test revision " + id +
                 "\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
                 "revision = \"" +
                 id + "\"\ndown_revision = \"" + parent +
                 "\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    " + upgrade +
                 "\n\n\ndef downgrade():\n    " + downgrade + "\n");
}

}  // namespace migcheck::testing
