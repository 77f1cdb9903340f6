// A revision Python refuses to import is an input error in every command, at
// the line Python names; valid Python is never refused. Each snippet is
// checked against the real interpreter.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include "tests/test_support.h"

using namespace migcheck::testing;

namespace {

const char* const kRevisionPath = "migrations/versions/abc.py";

// A revision whose upgrade() runs `body`.
std::string revision_with(const std::string& body) {
  std::string indented;
  std::istringstream lines(body);
  for (std::string line; std::getline(lines, line);) indented += "    " + line + "\n";
  return "revision = 'abc'\ndown_revision = None\n\n\ndef upgrade():\n" + indented +
         "\n\ndef downgrade():\n    pass\n";
}

void write_project(const std::filesystem::path& dir, const std::string& body) {
  write_file(dir / "alembic.ini", "[alembic]\nscript_location = migrations\n");
  write_file(dir / "migrations/env.py", "");
  write_file(dir / kRevisionPath, revision_with(body));
}

// The line Python's parser refuses the file at, or 0 when it accepts it.
int python_error_line(const std::filesystem::path& file) {
  auto result = run_command(
      "/usr/bin/python3 -c 'import ast, sys\n"
      "try:\n    ast.parse(open(sys.argv[1]).read())\n    print(0)\n"
      "except SyntaxError as e:\n    print(e.lineno)' " +
      shell_quote(file.string()));
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  return std::stoi(result.out);
}

// The line of migcheck's one-line error, or 0 when `heads` reads the project.
int migcheck_error_line(const std::filesystem::path& dir) {
  auto result = run_migcheck_in(dir, "heads");
  if (result.exit_code == 0) return 0;
  INFO(result.err);
  REQUIRE(result.exit_code == 2);
  std::string prefix = std::string("migcheck: ") + kRevisionPath + ":";
  REQUIRE(result.err.rfind(prefix, 0) == 0);
  REQUIRE(std::count(result.err.begin(), result.err.end(), '\n') == 1);
  return std::stoi(result.err.substr(prefix.size()));
}

void check_agrees_with_python(const std::string& body) {
  TempDir dir;
  write_project(dir.path(), body);
  CAPTURE(body);
  CHECK(migcheck_error_line(dir.path()) == python_error_line(dir / kRevisionPath));
}

}  // namespace

TEST_CASE("Python syntax errors in a revision: refused at Python's line") {
  for (const char* body : {
           "if x = 1:\n    pass",
           "while x = 1:\n    pass",
           "if a:\n    pass\nelif b = 2:\n    pass",
           "if a == 1 or b = 2:\n    pass",
           "if (x = 1):\n    pass",
           "op.execute(sql.text = 'x')",
           "op.execute('x' = 1)",
           "op.add_column('t', x + 1 = 2)",
           "op.execute('SELECT 1'",
           "op.execute('SELECT 1']",
           "x = 'abc",
           "x = '''abc",
           "if x:\n        y = 1\n      y = 2",
           "if x:\npass",
           "x = 1\n    y = 2",
           "def f()\n    pass",
           "for i in range(3)\n    pass",
           "with op.batch_alter_table('t') as b:\nb.drop_column('c')",
       }) {
    check_agrees_with_python(body);
  }
}

TEST_CASE("valid Python in a revision is read: walrus, keywords, defaults, lambdas, match") {
  for (const char* body : {
           "if (n := 10) > 5:\n    pass",
           "while (line := f()):\n    break",
           "op.add_column('t', sa.Column('c', sa.Integer(), nullable=True))",
           "op.execute(sql = 'x')",
           "def helper(a: int = 1, *, b: str = 'x', **kw) -> None:\n    pass",
           "@functools.lru_cache(maxsize=None)\ndef g():\n    pass",
           "f = lambda a=1, *b, c=2: a",
           "if (lambda a=1: a)():\n    pass",
           "if lambda a=1: a:\n    pass",
           "rows = sorted([], key=lambda x, y=1: x)",
           "s = f\"{x=} {y!r:>{width}}\"",
           "match command:\n    case Point(x=0, y=0):\n        pass\n    case {'a': 1}:\n"
           "        pass\n    case _:\n        pass",
           "x = 1 + \\\n    2",
           "if a and \\\n        b == 1:\n    pass",
           "print(*args, sep='', **kw)",
           "class A(B, metaclass=M):\n    x: int = 1",
           "if x: y = 1",
           "while x: x = x - 1",
           "d = {k: v for k, v in items if v == 1}",
           "y = a[1:2] + a[::2]",
           "y = 1 if x == 2 else 3",
           "with open(p) as f, open(q) as g:\n    pass",
           "try:\n    pass\nexcept (A, B) as e:\n    pass\nfinally:\n    pass",
           "for i in range(10):\n    pass\nelse:\n    pass",
           "x = [i for i in range(3) if i != 1]",
           "assert x == 1, 'msg'",
           "@dataclass(frozen=True)\nclass C:\n    a: int = 0",
           "x: int = 5\ny = z = 0",
           "if x <= 1 and y >= 2 and z != 3:\n    pass",
           "f(a)(b=1)[0](c=2)",
           "async def h(a=1):\n    await g(b=2)",
       }) {
    check_agrees_with_python(body);
  }
}

TEST_CASE("a revision with a Python syntax error stops every command that reads the project") {
  TempDir dir;
  write_project(dir.path(), "op.execute('SELECT 1')\nif x = 1:\n    pass");
  const std::string expected = std::string("migcheck: ") + kRevisionPath +
                               ":7:8: invalid syntax: '=' in a condition (maybe '==' or ':=' "
                               "was meant)\n";
  for (const char* command : {"heads", "history", "show abc", "lint --project .",
                              "roundtrip --project .", "pre-deploy-check"}) {
    CAPTURE(command);
    auto result = run_migcheck_in(dir.path(), command);
    CHECK(result.exit_code == 2);
    CHECK(result.err == expected);
  }
}
