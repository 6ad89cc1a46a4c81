from labkit.testing import PluginTests


class TestSocialProcurement(PluginTests):
    distribution = "labkit-social-procurement"
