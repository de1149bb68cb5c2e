"""Draws the sample site's pictures in ``content/images/`` (run once; the files are committed).

    .venv/bin/python -m plugins.images.sample_photos content/images

The pictures are made for the project with Pillow: simple scenes of the
commune (the service centre, the one-stop desk, a loudspeaker pole, a
community digital team, a QR payment stand), a chart and a small diagram,
softened and grained like phone photos. One of them is saved the way a phone
saves a photo: stored sideways with EXIF orientation 6, GPS position, camera
make and model, owner, date, an EXIF thumbnail, an XMP packet, a JPEG comment
and an ICC profile, so the sample site exercises the plugin's privacy
stripping. Nothing is downloaded; the output is the same on every run.
"""

from __future__ import annotations

import io
import math
import random
import struct
import sys
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFilter, ImageFont

from .default import FONT_CANDIDATES, drawn_emblem

FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SKY_TOP, SKY_BOTTOM = (92, 148, 214), (196, 222, 240)
WALL = (236, 206, 120)
ROOF = (168, 62, 40)
GREEN = (58, 118, 52)


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    path = next(p for p in FONT_CANDIDATES if Path(p).is_file()) if bold else FONT_REGULAR
    return ImageFont.truetype(path, size)


def vertical_gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def photographic(image: Image.Image, seed: int, grain: float = 9.0) -> Image.Image:
    """Soft focus, sensor grain and a light vignette: what makes a drawing read as a phone photo."""
    image = image.filter(ImageFilter.GaussianBlur(1.1))
    random.seed(seed)
    noise = Image.effect_noise(image.size, grain).convert("RGB")
    image = Image.blend(image, noise, 0.06)
    vignette = Image.radial_gradient("L").resize(image.size).point(lambda v: 255 - int(v * 0.35))
    dark = Image.new("RGB", image.size, (0, 0, 0))
    return Image.composite(image, dark, vignette).filter(ImageFilter.UnsharpMask(2, 60, 2))


def trees(draw: ImageDraw.ImageDraw, rng: random.Random, width: int, base: int, count: int) -> None:
    for _ in range(count):
        x = rng.randint(0, width)
        r = rng.randint(width // 40, width // 18)
        shade = tuple(max(0, c + rng.randint(-20, 20)) for c in GREEN)
        draw.rectangle((x - r // 8, base - r, x + r // 8, base), fill=(92, 64, 40))
        draw.ellipse((x - r, base - 3 * r, x + r, base - r // 2), fill=shade)


def star(draw: ImageDraw.ImageDraw, cx: int, cy: int, radius: int, fill: tuple) -> None:
    """A five-pointed star (the flag's), point up."""
    points = []
    for index in range(10):
        angle = math.pi / 2 + index * math.pi / 5
        r = radius if index % 2 == 0 else radius * 0.382
        points.append((cx + r * math.cos(angle), cy - r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def person(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, shirt: tuple, seated: bool = False) -> None:
    head = height // 7
    body_top = ground - height + head * 2
    draw.ellipse((x - head // 2 - 2, ground - height, x + head // 2 + 2, ground - height + head + 4), fill=(70, 50, 40))
    bottom = ground - height // 3 if seated else ground - height * 45 // 100
    draw.rounded_rectangle((x - head, body_top, x + head, bottom), radius=head // 2, fill=shirt)
    legs = (40, 48, 70)
    draw.rectangle((x - head + 4, bottom, x - 4, ground), fill=legs)
    draw.rectangle((x + 4, bottom, x + head - 4, ground), fill=legs)


def centre_building(size=(2400, 1800), seed=1) -> Image.Image:
    """The service centre: a yellow two-storey building, red roof, blue sign, flag, trees."""
    w, h = size
    rng = random.Random(seed)
    image = vertical_gradient(size, SKY_TOP, SKY_BOTTOM)
    draw = ImageDraw.Draw(image)
    ground = int(h * 0.78)
    draw.rectangle((0, ground, w, h), fill=(150, 150, 146))
    draw.rectangle((0, ground + 40, w, h), fill=(128, 128, 124))
    trees(draw, rng, w, ground - 10, 9)
    left, right, top = int(w * 0.14), int(w * 0.86), int(h * 0.30)
    draw.polygon([(left - 60, top), (w // 2, int(h * 0.14)), (right + 60, top)], fill=ROOF)
    draw.rectangle((left, top, right, ground), fill=WALL)
    for floor in (0, 1):
        y = top + 150 + floor * int((ground - top) * 0.42)
        for column in range(8):
            x = left + 80 + column * (right - left - 160) // 8
            draw.rectangle((x, y, x + 130, y + 170), fill=(70, 96, 120))
            draw.line((x + 65, y, x + 65, y + 170), fill=(220, 220, 210), width=6)
    door = w // 2
    draw.rectangle((door - 170, ground - 330, door + 170, ground), fill=(60, 84, 104))
    sign = (left + 120, top + 40, right - 120, top + 135)
    draw.rectangle(sign, fill=(20, 70, 160))
    draw.text(((sign[0] + sign[2]) // 2, (sign[1] + sign[3]) // 2), "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ TÂN HÒA",
              font=font(54), fill=(255, 255, 255), anchor="mm")
    emblem = drawn_emblem(150)
    image.paste(emblem, (w // 2 - 75, int(h * 0.15) + 40), emblem)
    pole = int(w * 0.93)
    draw.rectangle((pole, int(h * 0.12), pole + 14, ground), fill=(200, 200, 200))
    draw.rectangle((pole + 14, int(h * 0.12), pole + 230, int(h * 0.12) + 150), fill=(218, 37, 29))
    star(draw, pole + 122, int(h * 0.12) + 75, 50, (255, 221, 0))
    for x in (int(w * 0.30), int(w * 0.36), int(w * 0.62), int(w * 0.70)):
        person(draw, x, ground + 30, 320, rng.choice([(230, 230, 235), (40, 90, 170), (200, 60, 60)]))
    return photographic(image, seed)


def one_stop_desk(size=(2000, 1333), seed=2) -> Image.Image:
    """The one-stop desk inside: numbered counters, a queue display, citizens waiting."""
    w, h = size
    rng = random.Random(seed)
    image = vertical_gradient(size, (236, 234, 226), (214, 208, 196))
    draw = ImageDraw.Draw(image)
    floor = int(h * 0.72)
    draw.rectangle((0, floor, w, h), fill=(178, 164, 140))
    for x in range(0, w, 160):
        draw.line((x, floor, x - 300, h), fill=(160, 146, 122), width=3)
    banner = (int(w * 0.10), 60, int(w * 0.90), 170)
    draw.rectangle(banner, fill=(150, 20, 30))
    draw.text((w // 2, 115), "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", font=font(60), fill=(255, 222, 0), anchor="mm")
    board = (int(w * 0.40), 210, int(w * 0.60), 330)
    draw.rectangle(board, fill=(20, 20, 20))
    draw.text((w // 2, 270), "MỜI SỐ 0125 → QUẦY 2", font=font(34), fill=(255, 70, 40), anchor="mm")
    desk_top = int(h * 0.52)
    for number in range(4):
        x0 = 80 + number * (w - 160) // 4
        x1 = x0 + (w - 160) // 4 - 40
        draw.rectangle((x0, 360, x1, 430), fill=(20, 70, 160))
        draw.text(((x0 + x1) // 2, 395), f"QUẦY {number + 1}", font=font(42), fill=(255, 255, 255), anchor="mm")
        person(draw, (x0 + x1) // 2, desk_top + 20, 260, (250, 250, 250), seated=True)
        draw.rectangle((x0 + 60, desk_top - 70, x0 + 200, desk_top - 5), fill=(30, 30, 34))
        draw.rectangle((x0, desk_top, x1, floor + 20), fill=(196, 150, 96))
        draw.rectangle((x0, desk_top, x1, desk_top + 24), fill=(120, 86, 52))
    for index in range(6):
        person(draw, 200 + index * 300 + rng.randint(-40, 40), h - 30, 430, rng.choice([(60, 110, 170), (210, 90, 70), (90, 140, 90), (230, 230, 230)]))
    return photographic(image, seed)


def loudspeaker_pole(size=(1200, 1600), seed=3) -> Image.Image:
    """Two loudspeakers of the hamlet radio on a concrete pole against the sky (portrait)."""
    w, h = size
    rng = random.Random(seed)
    image = vertical_gradient(size, (70, 130, 205), (190, 216, 236))
    draw = ImageDraw.Draw(image)
    for _ in range(5):
        x, y, r = rng.randint(0, w), rng.randint(0, h // 2), rng.randint(80, 180)
        draw.ellipse((x - r * 2, y - r // 2, x + r * 2, y + r // 2), fill=(236, 242, 248))
    trees(draw, rng, w, h, 6)
    draw.polygon([(w // 2 - 40, h), (w // 2 - 22, int(h * 0.18)), (w // 2 + 22, int(h * 0.18)), (w // 2 + 40, h)], fill=(170, 168, 160))
    for side, y in ((-1, int(h * 0.24)), (1, int(h * 0.30))):
        x = w // 2 + side * 40
        mouth = x + side * 330
        draw.polygon([(x, y - 40), (mouth, y - 150), (mouth, y + 150), (x, y + 40)], fill=(226, 226, 220))
        draw.ellipse((mouth - 40, y - 150, mouth + 40, y + 150), fill=(120, 120, 118))
    draw.line((0, int(h * 0.40), w, int(h * 0.36)), fill=(40, 40, 40), width=4)
    return photographic(image, seed)


def digital_team(size=(1800, 1200), seed=4) -> Image.Image:
    """A community digital team member helping an elderly couple with a phone at their table."""
    w, h = size
    rng = random.Random(seed)
    image = vertical_gradient(size, (230, 214, 182), (196, 172, 136))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(h * 0.62), w, h), fill=(120, 84, 54))
    draw.rectangle((int(w * 0.06), 90, int(w * 0.32), 420), fill=(214, 40, 36))
    star(draw, int(w * 0.19), 255, 100, (255, 221, 0))
    draw.rectangle((int(w * 0.55), 120, int(w * 0.93), 360), fill=(250, 250, 245))
    draw.text((int(w * 0.74), 190), "TỔ CÔNG NGHỆ SỐ", font=font(44), fill=(20, 70, 160), anchor="mm")
    draw.text((int(w * 0.74), 270), "CỘNG ĐỒNG ẤP HÒA LỢI", font=font(40), fill=(20, 70, 160), anchor="mm")
    for x, shirt in ((int(w * 0.25), (24, 94, 190)), (int(w * 0.50), (236, 236, 230)), (int(w * 0.72), (150, 70, 90))):
        person(draw, x, int(h * 0.78), 520, shirt, seated=True)
    draw.rectangle((int(w * 0.10), int(h * 0.66), int(w * 0.90), int(h * 0.74)), fill=(150, 104, 62))
    for x in (int(w * 0.36), int(w * 0.60)):
        draw.rounded_rectangle((x, int(h * 0.58), x + 70, int(h * 0.66)), radius=10, fill=(20, 20, 24))
        draw.rectangle((x + 8, int(h * 0.585), x + 62, int(h * 0.65)), fill=(120 + rng.randint(0, 40), 200, 255))
    return photographic(image, seed)


def qr_stand(size=(1600, 1200), seed=5) -> Image.Image:
    """A market stall's stand with a payment QR code (a code of the sample site's address)."""
    import segno

    w, h = size
    image = vertical_gradient(size, (240, 232, 214), (206, 190, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(h * 0.70), w, h), fill=(160, 110, 70))
    for index, colour in enumerate(((230, 120, 40), (240, 200, 60), (90, 160, 70), (200, 60, 50))):
        x = 80 + index * 180
        draw.ellipse((x, int(h * 0.58), x + 170, int(h * 0.58) + 150), fill=colour)
    stand = (int(w * 0.50), 120, int(w * 0.90), int(h * 0.86))
    draw.rounded_rectangle(stand, radius=30, fill=(250, 250, 250), outline=(20, 70, 160), width=12)
    draw.text(((stand[0] + stand[2]) // 2, 200), "QUÉT MÃ ĐỂ THANH TOÁN", font=font(40), fill=(20, 70, 160), anchor="mm")
    buffer = io.BytesIO()
    segno.make("https://xa-tanhoa.vinhlong.gov.vn/cchc/", error="m").save(buffer, kind="png", scale=12, border=2)
    code = Image.open(buffer).convert("RGB").resize((440, 440), Image.Resampling.NEAREST)
    image.paste(code, ((stand[0] + stand[2]) // 2 - 220, 270))
    draw.text(((stand[0] + stand[2]) // 2, 780), "Không dùng tiền mặt", font=font(36, bold=False), fill=(40, 40, 40), anchor="mm")
    return photographic(image, seed, grain=7)


def online_share_chart(size=(1200, 750)) -> Image.Image:
    """Bar chart: applications filed online per month of the third quarter of 2025 (a PNG, drawn sharp)."""
    w, h = size
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "Tỷ lệ hồ sơ nộp trực tuyến, quý III năm 2025", font=font(40), fill=(20, 20, 20))
    draw.text((60, 100), "Trung tâm Phục vụ hành chính công xã Tân Hòa", font=font(28, bold=False), fill=(80, 80, 80))
    axis_y, top = h - 110, 190
    for percent in (0, 25, 50, 75, 100):
        y = axis_y - (axis_y - top) * percent // 100
        draw.line((150, y, w - 60, y), fill=(220, 220, 220), width=2)
        draw.text((130, y), f"{percent}%", font=font(24, bold=False), fill=(90, 90, 90), anchor="rm")
    months = (("Tháng 7", 88), ("Tháng 8", 92), ("Tháng 9", 96))
    for index, (label, value) in enumerate(months):
        x = 260 + index * 300
        y = axis_y - (axis_y - top) * value // 100
        draw.rectangle((x, y, x + 180, axis_y), fill=(138, 16, 32))
        draw.text((x + 90, y - 12), f"{value}%", font=font(32), fill=(20, 20, 20), anchor="mb")
        draw.text((x + 90, axis_y + 20), label, font=font(28, bold=False), fill=(20, 20, 20), anchor="mt")
    target_y = axis_y - (axis_y - top) * 80 // 100
    draw.line((150, target_y, w - 60, target_y), fill=(242, 160, 0), width=5)
    draw.text((w - 60, target_y - 8), "Chỉ tiêu 80%", font=font(24), fill=(150, 90, 0), anchor="rb")
    return image


def process_diagram(size=(420, 150)) -> Image.Image:
    """A small three-step diagram (narrower than every variant width: published at its own size)."""
    w, h = size
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    steps = ("Tiếp nhận", "Giải quyết", "Trả kết quả")
    for index, label in enumerate(steps):
        x = 10 + index * 140
        draw.rounded_rectangle((x, 40, x + 120, 110), radius=12, fill=(20, 70, 160))
        draw.text((x + 60, 75), label, font=font(17), fill=(255, 255, 255), anchor="mm")
        if index < len(steps) - 1:
            draw.polygon([(x + 122, 65), (x + 138, 75), (x + 122, 85)], fill=(138, 16, 32))
    return image


def exif_with_thumbnail(exif: Image.Exif, thumbnail: bytes) -> bytes:
    """EXIF bytes whose IFD1 holds a JPEG thumbnail, as cameras write it (Pillow writes IFD0 and its sub-IFDs only)."""
    tiff = bytearray(exif.tobytes()[6:])  # without "Exif\0\0"
    endian = "<" if tiff[:2] == b"II" else ">"
    ifd0 = struct.unpack(endian + "I", tiff[4:8])[0]
    count = struct.unpack(endian + "H", tiff[ifd0 : ifd0 + 2])[0]
    next_pointer = ifd0 + 2 + 12 * count
    ifd1 = len(tiff)
    tiff[next_pointer : next_pointer + 4] = struct.pack(endian + "I", ifd1)
    data_offset = ifd1 + 2 + 12 * 3 + 4
    entries = [(0x0103, 3, 1, 6), (0x0201, 4, 1, data_offset), (0x0202, 4, 1, len(thumbnail))]
    tiff += struct.pack(endian + "H", len(entries))
    for tag, kind, number, value in entries:
        packed_value = struct.pack(endian + "HH", value, 0) if kind == 3 else struct.pack(endian + "I", value)
        tiff += struct.pack(endian + "HHI", tag, kind, number) + packed_value
    tiff += struct.pack(endian + "I", 0) + thumbnail
    return b"Exif\x00\x00" + bytes(tiff)


def save_as_phone_photo(upright: Image.Image, path: Path) -> None:
    """Stored sideways (orientation 6) with everything a phone writes: GPS, camera, owner, thumbnail, XMP, comment, ICC."""
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x010F] = "Samsung"  # Make
    exif[0x0110] = "Galaxy A15"  # Model
    exif[0x013B] = "Huynh Thi Bich Ngoc"  # Artist
    exif[0x8298] = "UBND xa Tan Hoa"  # Copyright
    exif[0x0132] = "2025:07:01 07:42:10"  # DateTime
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to view
    camera = exif.get_ifd(0x8769)
    camera[0x9003] = "2025:07:01 07:42:10"  # DateTimeOriginal
    camera[0xA431] = "R58W40ABCDE"  # BodySerialNumber
    camera[0xA434] = "Samsung 6.3mm f/1.8"  # LensModel
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (10.0, 15.0, 21.6)  # 10°15'21.6" N
    gps[3], gps[4] = "E", (105.0, 58.0, 12.4)  # 105°58'12.4" E, Vĩnh Long
    gps[5], gps[6] = b"\x00", 4.0
    preview = io.BytesIO()
    stored.resize((120, 160)).save(preview, "JPEG", quality=70)
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="10,15.36N" exif:GPSLongitude="105,58.21E"/>'
        b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    stored.save(
        path, "JPEG", quality=88, exif=exif_with_thumbnail(exif, preview.getvalue()), xmp=xmp,
        comment=b"Anh chup tai tru so UBND xa Tan Hoa", icc_profile=icc,
    )


def main(folder: str) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    save_as_phone_photo(centre_building(), target / "trung-tam-phuc-vu-hanh-chinh-cong.jpg")
    one_stop_desk().save(target / "quay-mot-cua.jpg", "JPEG", quality=86)
    loudspeaker_pole().save(target / "loa-truyen-thanh-ap.jpg", "JPEG", quality=86)
    digital_team().save(target / "to-cong-nghe-so-hoa-loi.jpg", "JPEG", quality=86)
    qr_stand().save(target / "ma-qr-thanh-toan-cho-phu-long.jpg", "JPEG", quality=86)
    online_share_chart().save(target / "bieu-do-ho-so-truc-tuyen-quy-iii-2025.png", optimize=True)
    process_diagram().save(target / "so-do-quy-trinh-mot-cua.png", optimize=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "content/images")
