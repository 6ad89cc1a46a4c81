from labkit.testing import PluginTests


class TestMentoring(PluginTests):
    distribution = "labkit-mentoring"
