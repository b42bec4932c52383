// A meter with its COSEM directory and the two push setups, for the push tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/cosem/directory.h"
#include "core/meter/meter.h"
#include "core/recording/default_alarms.h"
#include "core/push/alarm_trigger.h"
#include "core/push/default_pushes.h"
#include "core/push/push_engine.h"
#include "core/push/push_setup_object.h"

namespace quadra::push {

inline constexpr clock::UtcSeconds kTestStart = 1767222000;  // 2026-01-01T00:00:00+01:00

inline meter::MeterSettings test_meter_settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = kTestStart;
  s.events.alarm_map = recording::kDefaultAlarmMap;  // terminal cover = bit 8, meter case 9, magnet 10
  return s;
}

struct PushFixture {
  explicit PushFixture(const PushSettings& settings = alarm_settings(), PushEngineConfig config = PushEngineConfig{})
      : meter(test_meter_settings()),
        directory(meter, cosem::DirectoryConfig{"QDR00000001", "quadra-0.1.0", {}}),
        engine(meter, kAlarmPushLn, settings, config),
        alarms(engine) {
    meter.set_notifier(&alarms);
    directory.add(std::make_unique<PushSetupObject>(meter, engine));
    engine.attach(directory);
  }
  static PushSettings alarm_settings() {
    PushSettings s = default_alarm_push_objects();
    s.set_destination("127.0.0.1:4061");
    return s;
  }
  // The communication log's rows with this code.
  std::vector<recording::EventRow> comm_rows(std::uint16_t code) const {
    std::vector<recording::EventRow> rows;
    const recording::EventLog& log = meter.events().log(recording::LogGroup::kCommunication);
    for (std::size_t k = 0; k < log.entries_in_use(); ++k) {
      if (log.entry(k).code == code) rows.push_back(log.entry(k));
    }
    return rows;
  }

  meter::Meter meter;
  cosem::Directory directory;
  PushEngine engine;
  AlarmTrigger alarms;
};

}  // namespace quadra::push
