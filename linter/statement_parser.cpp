#include "linter/statement_parser.h"

#include <pg_query.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "linter/big_stack_thread.h"
#include "linter/tokens.h"

namespace migcheck {

namespace {

// Whether `token`, of a scan of `sql` from `offset`, is a semicolon.
bool is_semicolon(const std::string& sql, size_t offset, const Token& token) {
  return token.kind == Token::Kind::punctuation && sql[offset + token.begin] == ';';
}

// A contiguous run of statements: [begin, end) of the SQL. `last_start` is
// where its last statement starts by the semicolons, which can be wrong inside
// a BEGIN ATOMIC body; a parse error from there on may be a piece boundary in
// the wrong place rather than a real error.
struct Piece {
  size_t begin;
  size_t end;
  size_t last_start;
};

// Cuts the SQL into pieces of at most about `piece_bytes`, each ending
// after a semicolon where libpg_query's scanner splits statements, one piece
// at a time. Only the cut is scanned for: statements' tokens are scanned when
// a rule asks for them (most statements never need them).
class PieceCutter {
 public:
  PieceCutter(const std::string& sql, size_t piece_bytes) : sql_(sql), piece_bytes_(piece_bytes) {}
  std::optional<Piece> next();

 private:
  const std::string& sql_;
  size_t piece_bytes_;
  size_t begin_ = 0;
};

// Ends (after the semicolon) of the statements the scanner splits `window`
// into that end with a semicolon; nullopt when the scanner rejects the window
// (a quote or comment still open where it ends).
std::optional<std::vector<size_t>> semicolon_ends(const std::string& window) {
  PgQuerySplitResult result = pg_query_split_with_scanner(window.c_str());
  std::optional<std::vector<size_t>> ends;
  if (!result.error) {
    ends.emplace();
    for (int i = 0; i < result.n_stmts; ++i) {
      size_t end = static_cast<size_t>(result.stmts[i]->stmt_location + result.stmts[i]->stmt_len);
      if (end < window.size() && window[end] == ';') ends->push_back(end + 1);
    }
  }
  pg_query_free_split_result(result);
  return ends;
}

std::optional<Piece> PieceCutter::next() {
  if (begin_ >= sql_.size()) return std::nullopt;
  for (size_t window = piece_bytes_;; window *= 2) {
    if (begin_ + window >= sql_.size()) {
      // The rest is the last piece: nothing follows to join a failing last
      // statement with, so its start does not matter.
      Piece piece{begin_, sql_.size(), begin_};
      begin_ = sql_.size();
      return piece;
    }
    auto ends = semicolon_ends(sql_.substr(begin_, window));
    if (!ends || ends->empty()) continue;  // one statement longer than the window
    size_t cut = begin_ + ends->back();
    size_t last_start = ends->size() > 1 ? begin_ + (*ends)[ends->size() - 2] : begin_;
    Piece piece{begin_, cut, last_start};
    begin_ = cut;
    return piece;
  }
}

class ParsedPiece {
 public:
  ParsedPiece(const std::string& sql, Piece piece)
      : piece_(std::move(piece)),
        text_(sql, piece_.begin, piece_.end - piece_.begin),
        result_(pg_query_parse(text_.c_str())) {
    if (!result_.error) tree_ = std::make_unique<JsonDocument>(result_.parse_tree);
  }
  ~ParsedPiece() { pg_query_free_parse_result(result_); }
  ParsedPiece(const ParsedPiece&) = delete;
  ParsedPiece& operator=(const ParsedPiece&) = delete;

  const Piece& piece() const { return piece_; }
  bool failed() const { return result_.error != nullptr; }
  std::string error_message() const { return result_.error->message; }
  // PostgreSQL reports a 1-based character position; we need a byte offset.
  size_t error_offset() const {
    int chars = std::max(result_.error->cursorpos - 1, 0);
    size_t i = 0;
    while (i < text_.size() && chars > 0) {
      ++i;
      while (i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80) ++i;
      --chars;
    }
    return piece_.begin + i;
  }

  void visit(const std::string& sql, const std::function<void(const ParsedStatement&)>& fn) const {
    for (const JsonNode& raw : tree_->root()["stmts"]) {
      size_t location = static_cast<size_t>(raw["stmt_location"].integer(0));
      size_t length = static_cast<size_t>(raw["stmt_len"].integer(0));
      size_t begin = piece_.begin + location;
      size_t end = length ? begin + length : piece_.end;
      begin = skip_blanks_and_comments(sql, begin);
      while (end > begin && std::isspace(static_cast<unsigned char>(sql[end - 1]))) --end;
      fn(ParsedStatement{raw["stmt"], begin, end, piece_.begin});
    }
  }

 private:
  Piece piece_;
  std::string text_;
  PgQueryParseResult result_;
  std::unique_ptr<JsonDocument> tree_;
};

// Cuts and parses pieces ahead of the consumer on its own big-stack thread,
// holding at most kAhead parsed pieces in memory besides the one it is
// parsing and the one being linted. One is enough to keep both cores busy;
// each piece's tree costs megabytes, the most of lint's peak memory.
class ParseAhead {
 public:
  explicit ParseAhead(const std::string& sql) : thread_([this, &sql] { run(sql); }) {}
  ~ParseAhead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  // The next parsed piece; null after the last.
  std::unique_ptr<ParsedPiece> next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty(); });
    auto piece = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return piece;
  }

 private:
  static constexpr size_t kAhead = 1;
  // Smaller than kParsePieceBytes: a piece's tree and JSON take about 40
  // times its SQL, and smaller blocks leave the allocator less to hold on to.
  static constexpr size_t kAheadPieceBytes = 16 * 1024;
  void run(const std::string& sql) {
    PieceCutter cutter(sql, kAheadPieceBytes);
    bool done = false;
    while (!done) {
      std::optional<Piece> piece = cutter.next();
      auto parsed = piece ? std::make_unique<ParsedPiece>(sql, std::move(*piece)) : nullptr;
      done = !parsed;
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || ready_.size() < kAhead; });
      if (stop_) return;
      ready_.push_back(std::move(parsed));
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<ParsedPiece>> ready_;  // null marks the end
  bool stop_ = false;
  BigStackThread thread_;  // last: starts after the members it uses exist
};

// The piece's statements before the one containing `offset` (up to the last
// semicolon before it): they still parse and get linted.
Piece piece_before(const std::string& sql, const Piece& piece, size_t offset) {
  Piece prefix{piece.begin, piece.begin, piece.begin};
  for (const Token& token :
       scan_tokens(std::string_view(sql).substr(piece.begin, piece.end - piece.begin))) {
    if (piece.begin + token.begin >= offset) break;
    if (is_semicolon(sql, piece.begin, token)) prefix.end = piece.begin + token.end;
  }
  return prefix;
}

// Two adjacent pieces as one.
Piece joined(const Piece& first, const Piece& second) {
  return Piece{first.begin, second.end, second.last_start};
}

}  // namespace

// The one piece a small text is (null for an empty or blank text).
class PreparsedSql {
 public:
  explicit PreparsedSql(std::unique_ptr<ParsedPiece> piece) : piece_(std::move(piece)) {}
  std::unique_ptr<ParsedPiece> take() { return std::move(piece_); }

 private:
  std::unique_ptr<ParsedPiece> piece_;
};

void PreparsedSqlDeleter::operator()(PreparsedSql* parsed) const {
  delete parsed;
}

PreparsedSqlPtr preparse_statements(const std::string& sql) {
  if (sql.size() > kParsePieceBytes) return nullptr;
  std::optional<Piece> piece = PieceCutter(sql, kParsePieceBytes).next();
  return PreparsedSqlPtr(
      new PreparsedSql(piece ? std::make_unique<ParsedPiece>(sql, std::move(*piece)) : nullptr));
}

size_t skip_blanks_and_comments(std::string_view sql, size_t i) {
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (sql.compare(i, 2, "/*") == 0) {
      int depth = 0;
      do {
        if (sql.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (sql.compare(i, 2, "*/") == 0) {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (depth > 0 && i < sql.size());
    } else {
      break;
    }
  }
  return i;
}

std::optional<SyntaxError> parse_statements(
    const std::string& sql, const std::function<void(const ParsedStatement&)>& visit,
    PreparsedSqlPtr preparsed) {
  // Input that fits in one piece is parsed right here, or was parsed ahead.
  std::unique_ptr<ParseAhead> ahead;
  std::optional<PieceCutter> cutter;
  if (sql.size() > kParsePieceBytes) {
    ahead = std::make_unique<ParseAhead>(sql);
  } else {
    cutter.emplace(sql, kParsePieceBytes);
  }
  auto next = [&]() -> std::unique_ptr<ParsedPiece> {
    if (ahead) return ahead->next();
    if (preparsed) {
      // A small text is one piece: after it, nothing is left to cut.
      std::unique_ptr<ParsedPiece> piece = preparsed->take();
      preparsed.reset();
      cutter.reset();
      return piece;
    }
    if (!cutter) return nullptr;
    std::optional<Piece> piece = cutter->next();
    return piece ? std::make_unique<ParsedPiece>(sql, std::move(*piece)) : nullptr;
  };

  while (std::unique_ptr<ParsedPiece> parsed = next()) {
    // A failure in the last statement of a piece may be a cut at a semicolon
    // inside a statement (BEGIN ATOMIC): join the next piece and try again.
    while (parsed->failed() && parsed->error_offset() >= parsed->piece().last_start) {
      std::unique_ptr<ParsedPiece> following = next();
      if (!following) break;
      parsed = std::make_unique<ParsedPiece>(sql, joined(parsed->piece(), following->piece()));
    }
    if (parsed->failed()) {
      SyntaxError error{parsed->error_message(), parsed->error_offset()};
      // Visit what parses before the failing statement.
      Piece prefix = piece_before(sql, parsed->piece(), error.offset);
      if (prefix.end > prefix.begin) {
        ParsedPiece before(sql, std::move(prefix));
        if (!before.failed()) before.visit(sql, visit);
      }
      return error;
    }
    parsed->visit(sql, visit);
  }
  return std::nullopt;
}

}  // namespace migcheck
