#include "core/push/push_script_table.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/cosem/association.h"
#include "core/dlms/test_hex.h"
#include "core/push/push_test_fixture.h"

namespace quadra::push {
namespace {

using Bytes = std::vector<std::uint8_t>;
using dlms::testing::hex;

TEST(PushScriptTable, ScriptsCallMethodOneOfThePushSetups) {
  PushFixture f;
  PushEngine* pushes[] = {&f.engine};
  PushScriptTable table(pushes);
  EXPECT_EQ(table.class_id(), 9);
  Bytes out(128);
  dlms::AxdrWriter w(out);
  ASSERT_EQ(table.get(1, dlms::SelectiveAccess{}, w, cosem::RequestContext{}), dlms::DataAccessResult::kSuccess);
  ASSERT_EQ(table.get(2, dlms::SelectiveAccess{}, w, cosem::RequestContext{}), dlms::DataAccessResult::kSuccess);
  out.resize(w.size());
  // LN, then script 1: execute method (2) of class 40 0.0.25.9.0.255, index 1, parameter integer 0.
  EXPECT_EQ(out, hex("09 06 00000A006CFF"
                     "01 01 02 02 12 0001 01 01 02 05 16 02 12 0028 09 06 0000190900FF 0F 01 0F 00"));
  EXPECT_FALSE(table.writable(2));
}

TEST(PushScriptTable, ExecuteTriggersThePushAndRefusesUnknownScripts) {
  PushFixture f;
  PushEngine* pushes[] = {&f.engine};
  PushScriptTable table(pushes);
  Bytes out(8);
  dlms::AxdrWriter w(out);
  bool has_data = true;
  EXPECT_EQ(table.action(1, hex("12 0002"), w, has_data, cosem::RequestContext{}), dlms::ActionResult::kOtherReason);
  EXPECT_EQ(table.action(1, hex("11 01"), w, has_data, cosem::RequestContext{}), dlms::ActionResult::kTypeUnmatched);
  EXPECT_EQ(f.engine.poll(0.0), nullptr);  // nothing triggered
  EXPECT_EQ(table.action(1, hex("12 0001"), w, has_data, cosem::RequestContext{}), dlms::ActionResult::kSuccess);
  EXPECT_FALSE(has_data);
  const Attempt* a = f.engine.poll(0.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->apdu[0], 0x0F);        // a DataNotification
  EXPECT_EQ(Bytes(a->apdu.begin() + 1, a->apdu.begin() + 5), hex("00000001"));  // normal priority: not an alarm
}

TEST(PushScriptTable, OnlyTheManagementClientExecutes) {
  PushFixture f;
  PushEngine* pushes[] = {&f.engine};
  PushScriptTable table(pushes);
  EXPECT_TRUE(cosem::method_access(cosem::ClientLevel::kManager, table, 1));
  EXPECT_FALSE(cosem::method_access(cosem::ClientLevel::kReader, table, 1));
  EXPECT_FALSE(cosem::method_access(cosem::ClientLevel::kPublic, table, 1));
}

}  // namespace
}  // namespace quadra::push
