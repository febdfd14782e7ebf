using System.IO.Compression;

namespace SecopPortal.Web.Tests.Documents;

/// <summary>
/// Real, decodable greyscale JPEG and PNG files written here, of any size: a baseline JPEG (one component, its own
/// Huffman tables) and an 8-bit greyscale PNG. <paramref name="noise"/> fills them with random detail (what a scan or
/// a photo costs in bytes); without it the JPEG is flat 8×8 blocks in a diagonal gradient and the PNG a gradient.
/// Shared with bench/SecopPortal.Bench (linked), which needs attachments of realistic size.
/// </summary>
public static class SyntheticImages
{
    // DC table: the standard luminance code lengths of JPEG Annex K (categories 0–11).
    private static readonly byte[] DcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] DcValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    // AC table of our own: EOB and "run 0, size 1..7", every code 4 bits long (the all-ones code is never used).
    private static readonly byte[] AcBits = [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] AcValues = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07];

    /// <param name="width">Pixels, rounded up to a multiple of 8.</param>
    /// <param name="height">Pixels, rounded up to a multiple of 8.</param>
    public static byte[] Jpeg(int width, int height, bool noise = false, int seed = 1)
    {
        width = (width + 7) / 8 * 8;
        height = (height + 7) / 8 * 8;
        var random = new Random(seed);
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        Segment(jpeg, 0xE0, [(byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]); // JFIF 1.1, no thumbnail
        Segment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]); // every quantizer 1
        Segment(jpeg, 0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        Segment(jpeg, 0xC4, [0x00, .. DcBits, .. DcValues]);
        Segment(jpeg, 0xC4, [0x10, .. AcBits, .. AcValues]);
        Segment(jpeg, 0xDA, [1, 1, 0x00, 0, 63, 0]);

        var dc = Codes(DcBits, DcValues);
        var ac = Codes(AcBits, AcValues);
        var bits = new BitWriter(jpeg);
        var previous = 0;
        var columns = width / 8;
        var rows = height / 8;
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var level = 16 + (((row + column) * 224) / Math.Max(1, rows + columns - 2)); // 16..240
                var coefficient = (level - 128) * 8; // the DC of a flat block with quantizer 1
                var diff = coefficient - previous;
                previous = coefficient;
                var category = Category(diff);
                bits.Write(dc[category]);
                bits.WriteValue(diff, category);
                if (noise)
                {
                    for (var k = 1; k < 64; k++)
                    {
                        var size = random.Next(1, 8);
                        var magnitude = random.Next(1 << (size - 1), 1 << size);
                        var value = random.Next(2) == 0 ? magnitude : -magnitude;
                        bits.Write(ac[size]);
                        bits.WriteValue(value, size);
                    }
                }
                else
                {
                    bits.Write(ac[0]); // end of block: every AC coefficient is 0
                }
            }
        }

        bits.Flush();
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>An 8-bit greyscale PNG (filter "none" on every row).</summary>
    public static byte[] Png(int width, int height, bool noise = false, int seed = 1)
    {
        var random = new Random(seed);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 0, 0, 0, 0]);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
            {
                var line = new byte[width + 1];
                for (var y = 0; y < height; y++)
                {
                    line[0] = 0;
                    if (noise)
                    {
                        random.NextBytes(line.AsSpan(1));
                    }
                    else
                    {
                        for (var x = 0; x < width; x++)
                        {
                            line[x + 1] = (byte)(((x + y) * 255) / Math.Max(1, width + height - 2));
                        }
                    }

                    zlib.Write(line);
                }
            }

            WriteChunk(png, "IDAT", pixels.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static int Category(int value)
    {
        var magnitude = Math.Abs(value);
        var category = 0;
        while (magnitude > 0)
        {
            category++;
            magnitude >>= 1;
        }

        return category;
    }

    /// <summary>The canonical Huffman codes (JPEG Annex C) of a table: symbol → (code, length).</summary>
    private static Dictionary<int, (int Code, int Length)> Codes(byte[] bits, byte[] values)
    {
        var codes = new Dictionary<int, (int, int)>();
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            for (var i = 0; i < bits[length - 1]; i++)
            {
                codes[values[k++]] = (code, length);
                code++;
            }

            code <<= 1;
        }

        return codes;
    }

    private static void Segment(Stream jpeg, byte marker, byte[] body)
    {
        var length = body.Length + 2;
        jpeg.Write([0xFF, marker, (byte)(length >> 8), (byte)length]);
        jpeg.Write(body);
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(BigEndian(data.Length));
        png.Write(typeBytes);
        png.Write(data);
        png.Write(BigEndian((int)Crc32([.. typeBytes, .. data])));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>Entropy-coded bits, most significant first, with the 0x00 stuffed after every 0xFF byte.</summary>
    private sealed class BitWriter(Stream output)
    {
        private int _buffer;
        private int _count;

        public void Write((int Code, int Length) code) => Put(code.Code, code.Length);

        /// <summary>The <paramref name="size"/> bits of <paramref name="value"/> (one's complement when negative).</summary>
        public void WriteValue(int value, int size)
        {
            if (size > 0)
            {
                Put(value >= 0 ? value : value + (1 << size) - 1, size);
            }
        }

        public void Flush()
        {
            if (_count > 0)
            {
                Put((1 << (8 - _count)) - 1, 8 - _count); // pad with ones
            }
        }

        private void Put(int bits, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((bits >> i) & 1);
                if (++_count == 8)
                {
                    output.WriteByte((byte)_buffer);
                    if (_buffer == 0xFF)
                    {
                        output.WriteByte(0);
                    }

                    _buffer = 0;
                    _count = 0;
                }
            }
        }
    }
}
