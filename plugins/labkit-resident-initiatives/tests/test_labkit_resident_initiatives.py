from labkit.testing import PluginTests


class TestResidentInitiatives(PluginTests):
    distribution = "labkit-resident-initiatives"
