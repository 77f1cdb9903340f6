// Fingerprints users store (baselines, code-scanning alerts) must not change:
// the hash is the published FNV-1a 64, checked against its reference values.
#include "ci/stable_hash.h"

#include <doctest/doctest.h>

using namespace migcheck;

TEST_CASE("FNV-1a 64 gives the reference values; fields are separated; mixing spreads") {
  StableHash empty;
  CHECK(hex16(empty.value()) == "cbf29ce484222325");
  StableHash a;
  a.add("a");
  CHECK(hex16(a.value()) == "af63dc4c8601ec8c");
  StableHash foobar;
  foobar.add("foo");
  foobar.add("bar");  // add() is plain concatenation
  CHECK(hex16(foobar.value()) == "85944171f73967e8");

  StableHash ab_c, a_bc;
  ab_c.add_field("ab");
  ab_c.add_field("c");
  a_bc.add_field("a");
  a_bc.add_field("bc");
  CHECK(ab_c.value() != a_bc.value());

  StableHash one, two;
  one.add_field("0");
  two.add_field("1");
  std::string x = hex16(mixed(one.value())), y = hex16(mixed(two.value()));
  int same = 0;
  for (size_t i = 0; i < x.size(); ++i) same += x[i] == y[i];
  CHECK(same < 6);  // not just the last digits
}
