// Helpers shared by the test binaries.
#ifndef KG_TESTS_TEST_SUPPORT_H_
#define KG_TESTS_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <spawn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/ontology.h"
#include "graph/store.h"
#include "util/schema_dir.h"

namespace kg::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kg-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs this test binary again as a separate process with only the test
// `filter` and the environment variable `env` set to `value`; returns the
// pid. A fresh process (fork + exec) is needed because RocksDB's background
// threads do not survive a bare fork.
inline pid_t SpawnSelf(const std::string& filter, const std::string& env,
                       const std::string& value) {
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string filter_arg = "--gtest_filter=" + filter;
  std::string env_arg = env + "=" + value;
  std::vector<char*> argv = {self.data(), filter_arg.data(), nullptr};
  std::vector<char*> envp;
  for (char** e = environ; *e; ++e)
    envp.push_back(*e);
  envp.push_back(env_arg.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, self.c_str(), nullptr, nullptr, argv.data(), envp.data()) != 0) return -1;
  return pid;
}

inline const Ontology& DefaultOntology() {
  static const Ontology* ontology = [] {
    auto o = Ontology::LoadFromDir(DefaultSchemaDir());
    if (!o.ok()) {
      ADD_FAILURE() << o.status().ToString();
      std::abort();
    }
    return new Ontology(std::move(o).value());
  }();
  return *ontology;
}

inline Fact MakeFact(const std::string& subject, const std::string& relation,
                     const std::string& object, const std::string& sentence,
                     const std::string& subject_type = "country",
                     const std::string& object_type = "country") {
  Fact f;
  f.subject = {subject, subject_type, {}};
  f.relation = relation;
  f.object = {object, object_type, {}};
  f.evidence.sentence = sentence;
  f.evidence.confidence = 0.8;
  return f;
}

inline ArticleInput MakeArticle(const std::string& id, std::vector<Fact> facts,
                                const std::string& date = "2024-05-01") {
  ArticleInput a;
  a.meta.id = id;
  a.meta.title = "Title of " + id;
  a.meta.source = "test";
  ParseDate(date, &a.meta.date);
  a.facts = std::move(facts);
  return a;
}

}  // namespace kg::testing

#define KG_ASSERT_OK(expr)                                       \
  do {                                                           \
    const ::kg::Status kg_s_ = ::kg::internal::ToStatus((expr)); \
    ASSERT_TRUE(kg_s_.ok()) << kg_s_.ToString();                 \
  } while (false)

#define KG_EXPECT_OK(expr)                                       \
  do {                                                           \
    const ::kg::Status kg_s_ = ::kg::internal::ToStatus((expr)); \
    EXPECT_TRUE(kg_s_.ok()) << kg_s_.ToString();                 \
  } while (false)

#endif  // KG_TESTS_TEST_SUPPORT_H_
