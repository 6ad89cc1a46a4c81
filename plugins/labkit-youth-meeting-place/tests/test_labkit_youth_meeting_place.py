from labkit.testing import PluginTests


class TestYouthMeetingPlace(PluginTests):
    distribution = "labkit-youth-meeting-place"
