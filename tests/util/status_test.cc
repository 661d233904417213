#include "util/status.h"

#include <gtest/gtest.h>

#include "util/result.h"

namespace kg {
namespace {

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(Status::OK().ok());
  EXPECT_EQ(Status::OK().ToString(), "OK");
  Status s = Status::NotFound("no entity 'x'");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsNotFound());
  EXPECT_EQ(s.message(), "no entity 'x'");
  EXPECT_EQ(s.ToString(), "NotFound: no entity 'x'");
  EXPECT_TRUE(Status::Busy("locked").IsBusy());
}

TEST(StatusTest, WithContextPrefixesMessageAndKeepsCode) {
  Status s = Status::InvalidArgument("bad field").WithContext("a.jsonl:3");
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.message(), "a.jsonl:3: bad field");
  EXPECT_TRUE(Status::OK().WithContext("x").ok());
}

Result<int> Half(int v) {
  if (v % 2) return Status::InvalidArgument("odd");
  return v / 2;
}

Status Quarter(int v, int* out) {
  KG_ASSIGN_OR_RETURN(int h, Half(v));
  KG_ASSIGN_OR_RETURN(*out, Half(h));
  return Status::OK();
}

TEST(ResultTest, ValueOrStatusAndMacros) {
  auto r = Half(8);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 4);
  auto bad = Half(3);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "odd");
  int q = 0;
  EXPECT_TRUE(Quarter(8, &q).ok());
  EXPECT_EQ(q, 2);
  EXPECT_EQ(Quarter(6, &q).message(), "odd");  // 6 / 2 = 3 is odd
}

TEST(ResultTest, OkStatusWithoutValueIsAnError) {
  Result<int> r(Status::OK());
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.status().ok());
}

}  // namespace
}  // namespace kg
