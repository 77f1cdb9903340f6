#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "linter/input_error.h"
#include "linter/line_index.h"
#include "migrations/alembic/python_module.h"
#include "migrations/alembic/python_tokens.h"

using namespace migcheck;
using Kind = PyToken::Kind;

namespace {

std::vector<Kind> kinds(const std::vector<PyToken>& tokens) {
  std::vector<Kind> out;
  for (const PyToken& t : tokens) out.push_back(t.kind);
  return out;
}

// Reads the first statement of `source` as one expression.
PyExpr expr_of(const PyModule& module) {
  PyExprReader reader = module.reader(module.statements.at(0));
  return reader.read_list();
}

}  // namespace

TEST_SUITE("test_migrations") {
  TEST_CASE("python tokens: brackets join lines, blocks indent and dedent") {
    std::string src =
        "def f(a,\n      b):\n    x = [1,\n  2]  # note\n\n    # only a comment\n    return x \\\n"
        "        + 1\ny = 2\n";
    auto tokens = tokenize_python(src, "m.py");
    std::vector<Kind> expected = {
        Kind::name,    Kind::name,    Kind::op,      Kind::name,   Kind::op,     Kind::name,
        Kind::op,      Kind::op,      Kind::newline, Kind::indent, Kind::name,   Kind::op,
        Kind::op,      Kind::number,  Kind::op,      Kind::number, Kind::op,     Kind::comment,
        Kind::newline, Kind::comment, Kind::name,    Kind::name,   Kind::op,     Kind::number,
        Kind::newline, Kind::dedent,  Kind::name,    Kind::op,     Kind::number, Kind::newline,
        Kind::end};
    CHECK(kinds(tokens) == expected);
    // "y" starts line 9 at column 1; the comment's column counts characters.
    CHECK(tokens[26].line == 9);
    CHECK(tokens[26].column == 1);
    CHECK(tokens[17].line == 4);
    CHECK(tokens[17].column == 7);
  }

  TEST_CASE("python tokens: each token's line and column are LineIndex's for its offset") {
    // The tokenizer counts lines and columns as it goes; LineIndex searches
    // for each offset. Line endings of every kind, a byte-order mark,
    // multi-byte characters, tabs and tokens spanning lines must agree.
    const std::string sources[] = {
        "\xEF\xBB\xBF\"\"\"Ünï\r\ncödé\"\"\"\r\nx = 'é'  # ü\r\ny = (1,\r\n  2)\r\n",
        "a = 1\rb = 2\r\rc = \"\"\"x\ry\"\"\" + \\\r  3\r",
        "def f():\n\tif x:\n\t\treturn 'ß' + \"€\"\n\n# end\nz = [\n    1,\n]\n",
        "s = '''a\r\nb\nc\rd''' ; t = 2\n\n\né = 3\n",
    };
    for (const std::string& src : sources) {
      CAPTURE(src);
      LineIndex lines(src);
      for (const PyToken& token : tokenize_python(src, "m.py")) {
        auto expected = lines.position(token.begin);
        CHECK(token.line == expected.line);
        CHECK(token.column == expected.column);
      }
    }
  }

  TEST_CASE("python tokens: strings with prefixes, triple quotes and escaped quotes") {
    std::string src = "a = r'x\\'y' b\"\"\"q\n\"\"\" F'{{}}' 'é' + 0x1F + 1e-3 + 1_000j\n";
    auto tokens = tokenize_python(src, "m.py");
    REQUIRE(tokens.size() >= 12);
    CHECK(tokens[2].kind == Kind::string);
    CHECK(tokens[2].text(src) == "r'x\\'y'");
    CHECK(tokens[3].text(src) == "b\"\"\"q\n\"\"\"");
    CHECK(tokens[4].text(src) == "F'{{}}'");
    CHECK(tokens[5].text(src) == "'é'");
    CHECK(tokens[7].text(src) == "0x1F");
    CHECK(tokens[9].text(src) == "1e-3");
    CHECK(tokens[11].text(src) == "1_000j");
  }

  TEST_CASE("python tokens: errors name the file and position") {
    CHECK_THROWS_WITH_AS(tokenize_python("x = 1\ny = 'abc\n", "v.py"),
                         "v.py:2:5: unterminated string literal", InputError);
    CHECK_THROWS_WITH_AS(tokenize_python("s = \"\"\"never closed\n", "v.py"),
                         "v.py:1:5: unterminated string literal", InputError);
    CHECK_THROWS_WITH_AS(tokenize_python("if x:\n    a\n  b\n", "v.py"),
                         "v.py:3:3: unindent does not match any outer indentation level",
                         InputError);
    // Brackets as Python checks them: a revision Python cannot import stops Alembic.
    CHECK_THROWS_WITH_AS(tokenize_python("def upgrade(:\n    pass\n", "v.py"),
                         "v.py:1:12: '(' was never closed", InputError);
    CHECK_THROWS_WITH_AS(
        tokenize_python("x = [1, 2)\n", "v.py"),
        "v.py:1:10: closing parenthesis ')' does not match opening parenthesis '['", InputError);
    CHECK_THROWS_WITH_AS(tokenize_python("x = 1)\n", "v.py"), "v.py:1:6: unmatched ')'",
                         InputError);
    CHECK_NOTHROW(tokenize_python("x = {'a': [f(1), (2,)]}\ny = '('\n", "v.py"));
  }

  TEST_CASE("python strings: escapes, concatenation and where each byte came from") {
    std::string src = "x = 'a\\tb' \"c\\\"d\" r'\\n' '\\x41\\u00e9\\101'\n";
    PyModule module = read_python_module(src, "m.py");
    PyExprReader reader = module.reader(module.statements.at(0));
    reader.skip();
    reader.skip();
    PyExpr value = reader.read();
    REQUIRE(value.kind == PyExpr::Kind::string);
    CHECK(value.text == "a\tbc\"d\\nAéA");
    // "a" maps exactly to its byte in the file; "\t" maps to the two-byte escape.
    REQUIRE(value.pieces.size() >= 4);
    CHECK(value.pieces[0].exact);
    CHECK(src.substr(value.pieces[0].file_begin, 1) == "a");
    CHECK_FALSE(value.pieces[1].exact);
    CHECK(src.substr(value.pieces[1].file_begin,
                     value.pieces[1].file_end - value.pieces[1].file_begin) == "\\t");
    // The raw string's backslash-n stays two characters, mapped exactly.
    bool raw_found = false;
    for (const StringPiece& p : value.pieces) {
      if (src.substr(p.file_begin, p.file_end - p.file_begin) == "\\n") raw_found = p.exact;
    }
    CHECK(raw_found);
  }

  TEST_CASE("python strings: line continuation inside a literal and f-strings") {
    PyModule module = read_python_module("x = 'ab\\\ncd'\ny = f'{{x}}'\nz = f'{x}'\n", "m.py");
    auto value_of = [&](size_t i) {
      PyExprReader reader = module.reader(module.statements.at(i));
      reader.skip();
      reader.skip();
      return reader.read();
    };
    CHECK(value_of(0).text == "abcd");
    CHECK(value_of(1).kind == PyExpr::Kind::string);
    CHECK(value_of(1).text == "{x}");
    // A placeholder: the f-string's value waits for x's.
    PyExpr placeholder = value_of(2);
    CHECK(placeholder.kind == PyExpr::Kind::fstring);
    CHECK(placeholder.text.empty());
    REQUIRE(placeholder.items.size() == 1);
    CHECK(placeholder.items[0].kind == PyExpr::Kind::name);
    CHECK(placeholder.items[0].text == "x");
  }

  TEST_CASE("python expressions: literals, calls, attribute chains, collections") {
    PyModule module = read_python_module(
        "sa.Column('id', sa.Integer(), nullable=False, server_default=sa.text(\"now()\"), "
        "x=(1, -2.5), y=[None, True], z={'k': 'v'}, w=('single'))\n",
        "m.py");
    PyExpr call = expr_of(module);
    REQUIRE(call.kind == PyExpr::Kind::call);
    CHECK(call.items[0].dotted() == "sa.Column");
    REQUIRE(call.items.size() == 3);
    CHECK(call.items[1].text == "id");
    CHECK(call.items[2].dotted() == "sa.Integer()");
    CHECK(call.keyword("nullable")->kind == PyExpr::Kind::boolean);
    CHECK(call.keyword("nullable")->text == "False");
    CHECK(call.keyword("server_default")->items[1].text == "now()");
    const PyExpr* x = call.keyword("x");
    REQUIRE(x->kind == PyExpr::Kind::tuple);
    CHECK(x->items[1].text == "-2.5");
    CHECK(call.keyword("y")->is_literal());
    CHECK(call.keyword("z")->kind == PyExpr::Kind::dict);
    CHECK(call.keyword("w")->kind == PyExpr::Kind::string);
    CHECK(call.keyword("w")->text == "single");
    CHECK(module.source.substr(call.begin, call.end - call.begin) ==
          module.source.substr(0, module.source.size() - 1));
  }

  TEST_CASE("python expressions: what only running code knows is `other`") {
    PyModule module =
        read_python_module("f(a - 1, b[0], *rest, c=[i for i in x], d=g(h)(1))\n", "m.py");
    PyExpr call = expr_of(module);
    REQUIRE(call.kind == PyExpr::Kind::call);
    CHECK(call.items[1].kind == PyExpr::Kind::other);
    CHECK(call.items[2].kind == PyExpr::Kind::other);
    CHECK(call.has_star_args);
    CHECK(call.keyword("c")->kind == PyExpr::Kind::other);
    CHECK(call.keyword("d")->dotted() == "g()()");
  }

  TEST_CASE("python expressions: one comparison over |, &, + and %, as Python groups them") {
    PyModule module = read_python_module("f(a + b % 2 == c | d & e, x == y == z)\n", "m.py");
    PyExpr call = expr_of(module);
    REQUIRE(call.kind == PyExpr::Kind::call);
    const PyExpr& compare = call.items[1];
    REQUIRE(compare.kind == PyExpr::Kind::binary);
    CHECK(compare.text == "==");
    REQUIRE(compare.items[0].kind == PyExpr::Kind::binary);
    CHECK(compare.items[0].text == "+");
    CHECK(compare.items[0].items[1].text == "%");
    CHECK(compare.items[1].text == "|");
    CHECK(compare.items[1].items[1].text == "&");
    CHECK(call.items[2].kind == PyExpr::Kind::other);  // a chained comparison
  }

  TEST_CASE("python statements: compound blocks, one-line bodies and semicolons") {
    std::string src =
        "import x\n\ndef upgrade() -> None:\n    with op.batch_alter_table('t') as b:\n"
        "        b.drop_column('c')\n    a = 1; b = 2\n\ndef downgrade(): pass\nclass K:\n"
        "    y = lambda q: q\n";
    PyModule module = read_python_module(src, "m.py");
    REQUIRE(module.statements.size() == 4);
    const PyStatement& up = module.statements[1];
    CHECK(up.compound);
    CHECK(up.keyword(src, module.tokens) == "def");
    REQUIRE(up.body.size() == 3);
    CHECK(up.body[0].compound);
    CHECK(up.body[0].body.size() == 1);
    CHECK(module.statements[2].body.size() == 1);
    CHECK(module.statements[3].body.size() == 1);
  }

  TEST_CASE("python statements: a soft-keyword block does not end the module early") {
    std::string src =
        "match command:\n    case 'a':\n        x = 1\n    case _:\n        pass\n"
        "def upgrade():\n    pass\n";
    PyModule module = read_python_module(src, "m.py");
    REQUIRE(module.statements.size() == 2);
    CHECK(module.statements[0].compound);
    CHECK(module.statements[0].body.size() == 2);
    CHECK(module.statements[1].keyword(src, module.tokens) == "def");
  }

  TEST_CASE("python tokens: CRLF line ends, tabs and a byte-order mark") {
    std::string src =
        "\xEF\xBB\xBF"
        "def f():\r\n\tif x:\r\n\t\treturn 'a'\r\n\ty = 1\r\n";
    auto tokens = tokenize_python(src, "m.py");
    std::vector<Kind> expected = {
        Kind::name,   Kind::name,    Kind::op,      Kind::op,     Kind::op,      Kind::newline,
        Kind::indent, Kind::name,    Kind::name,    Kind::op,     Kind::newline, Kind::indent,
        Kind::name,   Kind::string,  Kind::newline, Kind::dedent, Kind::name,    Kind::op,
        Kind::number, Kind::newline, Kind::dedent,  Kind::end};
    CHECK(kinds(tokens) == expected);
    CHECK(tokens[0].line == 1);
    CHECK(tokens[0].column == 1);  // the byte-order mark is not a column
    CHECK(tokens[13].line == 3);
    CHECK(tokens[13].column == 10);
  }
}
