from labkit.testing import PluginTests


class TestSummerJobs(PluginTests):
    distribution = "labkit-summer-jobs"
