#include "ingest/corpus_files.h"

#include <fnmatch.h>
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <unordered_set>

#include "ingest/input_stream.h"

namespace kg {

namespace fs = std::filesystem;

namespace {

bool HasGlobChars(std::string_view s) {
  return s.find_first_of("*?[") != std::string_view::npos;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

class Lister {
 public:
  Status Add(const std::string& input) {
    if (input == "-") {
      if (!listing_.has_stdin) {
        listing_.has_stdin = true;
        listing_.files.push_back({"-", 0});
      }
      return Status::OK();
    }
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (!ec && fs::exists(st)) return AddExisting(input, st, /*named=*/true);
    if (!HasGlobChars(input)) {
      // A dangling link or a path that cannot be stat'ed says why.
      return Status::InvalidArgument(
          input + ": " + (ec ? ec.message() : std::string("no such file or directory")));
    }
    const size_t before = listing_.files.size();
    matched_any_ = false;
    KG_RETURN_IF_ERROR(input.find("**") != std::string::npos ? AddDeepPattern(input)
                                                             : AddPattern(input));
    if (listing_.files.size() == before && !matched_any_) {
      return Status::InvalidArgument(input + ": the pattern matches no file");
    }
    return Status::OK();
  }

  CorpusListing Take() { return std::move(listing_); }

 private:
  // named: given on the command line or matched by a pattern, so taken
  // whatever its name.
  Status AddExisting(const std::string& path, const fs::file_status& st, bool named) {
    if (fs::is_directory(st)) {
      Walk(path);
      return Status::OK();
    }
    AddFile(path, named);
    return Status::OK();
  }

  void AddFile(const std::string& path, bool named) {
    if (!named && !IsArticleFileName(fs::path(path).filename().string())) {
      ++listing_.other_files;
      return;
    }
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(path, ec);
    const std::string key = ec ? path : canonical.string();
    if (!seen_.insert(key).second) return;
    const uintmax_t size = fs::file_size(path, ec);
    CorpusFile f{path, ec ? 0 : static_cast<uint64_t>(size)};
    listing_.total_bytes += f.size;
    listing_.files.push_back(std::move(f));
  }

  // Every entry under dir, in name order, depth first.
  void Walk(const std::string& dir) {
    std::vector<std::pair<std::string, bool>> entries;  // path, is a directory
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      listing_.problems.push_back({dir, 0, "cannot read the directory: " + ec.message()});
      return;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::error_code kind_ec;
      const bool link = entry.is_symlink(kind_ec);
      const bool is_dir = entry.is_directory(kind_ec);
      if (is_dir && link) continue;                              // a link to a directory could loop
      if (!is_dir && !entry.is_regular_file(kind_ec)) continue;  // sockets, fifos, dangling links
      entries.emplace_back(entry.path().string(), is_dir);
    }
    if (ec) listing_.problems.push_back({dir, 0, "cannot read the directory: " + ec.message()});
    std::sort(entries.begin(), entries.end());
    for (const auto& [path, is_dir] : entries) {
      if (is_dir) {
        Walk(path);
      } else {
        AddFile(path, /*named=*/false);
      }
    }
  }

  Status AddPattern(const std::string& pattern) {
    glob_t g{};
    const int r = glob(pattern.c_str(), GLOB_NOSORT, nullptr, &g);
    std::vector<std::string> paths;
    if (r == 0) paths.assign(g.gl_pathv, g.gl_pathv + g.gl_pathc);
    globfree(&g);
    if (r != 0 && r != GLOB_NOMATCH) {
      return Status::InvalidArgument(pattern + ": cannot expand the pattern (" +
                                     (r == GLOB_NOSPACE ? "out of memory" : "read error") + ")");
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths)
      KG_RETURN_IF_ERROR(AddMatch(p));
    return Status::OK();
  }

  // "**": walk from the part before the first wildcard and match whole
  // paths, with '*' free to cross '/'; "**/" may also match no directory
  // at all, as in bash's globstar.
  Status AddDeepPattern(const std::string& pattern) {
    std::string shallow = pattern;
    for (size_t at; (at = shallow.find("**/")) != std::string::npos;)
      shallow.erase(at, 3);
    const size_t wild = pattern.find_first_of("*?[");
    const size_t slash = pattern.rfind('/', wild);
    const std::string root = slash == std::string::npos ? "." : pattern.substr(0, slash + 1);
    std::vector<std::string> paths;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Status::InvalidArgument(pattern + ": cannot read " + root + ": " + ec.message());
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      std::error_code kind_ec;
      if (!name.empty() && name[0] == '.') {
        if (entry.is_directory(kind_ec)) it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(kind_ec)) continue;
      std::string path = entry.path().string();
      if (slash == std::string::npos && path.rfind("./", 0) == 0) path.erase(0, 2);
      if (fnmatch(pattern.c_str(), path.c_str(), 0) == 0 ||
          fnmatch(shallow.c_str(), path.c_str(), FNM_PATHNAME) == 0) {
        paths.push_back(std::move(path));
      }
    }
    if (ec) listing_.problems.push_back({root, 0, "cannot read the directory: " + ec.message()});
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths)
      KG_RETURN_IF_ERROR(AddMatch(p));
    return Status::OK();
  }

  Status AddMatch(const std::string& path) {
    matched_any_ = true;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Status::OK();  // gone since the match
    return AddExisting(path, st, /*named=*/true);
  }

  CorpusListing listing_;
  std::unordered_set<std::string> seen_;
  bool matched_any_ = false;
};

}  // namespace

bool IsArticleFileName(std::string_view name) {
  const std::string lower = Lower(WithoutGzipSuffix(name));
  for (std::string_view ext : {".txt", ".text", ".json", ".jsonl", ".ndjson"}) {
    if (lower.size() > ext.size() &&
        lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

Result<CorpusListing> ListCorpus(const std::vector<std::string>& inputs) {
  Lister lister;
  for (const auto& input : inputs)
    KG_RETURN_IF_ERROR(lister.Add(input));
  return lister.Take();
}

}  // namespace kg
