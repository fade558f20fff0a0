using System.Diagnostics;
using System.Globalization;
using Provenance.Capture.Entities;

namespace Provenance.Capture.Tests;

/// <summary>A file's stamp (size, times, inode, device), read with one statx call, is what the kernel says of the file (GNU stat as the oracle).</summary>
public sealed class FileStampTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-stamp-").FullName;

    public FileStampTests() => Assert.SkipUnless(LinuxCalls.Supported, "the statx stamp is read on Linux (x64, Arm64) only");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_stamp_holds_the_size_the_times_to_the_tick_the_inode_and_the_device_of_the_file()
    {
        var path = Path.Combine(_directory, "a.dat");
        File.WriteAllText(path, "12345");
        var written = new DateTime(2020, 11, 20, 21, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567);
        File.SetLastWriteTimeUtc(path, written);

        var stamp = FileStamp.Of(path);

        stamp.Exists.ShouldBeTrue();
        stamp.Length.ShouldBe(5);
        stamp.WriteTicks.ShouldBe(written.Ticks, "seconds and the fraction, in 100 ns ticks");
        var (inode, major, minor, changed) = Stat(path);
        stamp.Inode.ShouldBe(inode);
        stamp.Device.ShouldBe((major << 32) | minor, "the device's major and minor numbers");
        stamp.ChangeTicks.ShouldBe(changed);
    }

    [Fact]
    public void A_folder_and_a_path_with_nothing_there_have_no_stamp()
    {
        FileStamp.Of(_directory).ShouldBe(default(FileStamp), "a folder is no file");
        FileStamp.Of(Path.Combine(_directory, "nothing.dat")).ShouldBe(default(FileStamp));
    }

    // GNU stat: inode, device major and minor numbers, status change time as seconds with nine fraction digits.
    private static (ulong Inode, ulong Major, ulong Minor, long ChangeTicks) Stat(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%i %Hd %Ld %.9Z", path]) { RedirectStandardOutput = true })!;
        var fields = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
        var change = fields[3].Split('.');
        var ticks = DateTime.UnixEpoch.Ticks + (long.Parse(change[0], CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond) + (long.Parse(change[1], CultureInfo.InvariantCulture) / 100);
        return (ulong.Parse(fields[0], CultureInfo.InvariantCulture), ulong.Parse(fields[1], CultureInfo.InvariantCulture), ulong.Parse(fields[2], CultureInfo.InvariantCulture), ticks);
    }
}
