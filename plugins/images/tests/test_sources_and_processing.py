"""One source image at a time: what its header says, the hostile files refused, and the files made from it."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from plugins.images.processing import Job, cascade_source, largest_first, render, run_job
from plugins.images.renditions import COVER, FIT, Params, Plan, Rendition, cache_key
from plugins.images.sources import ImageProblem, probe
from plugins.images.tests import pictures

LIMIT = 50_000_000
DEFAULT_PARAMS = Params()


def written(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def plan_of(path: str, params: Params = DEFAULT_PARAMS) -> Plan:
    header = probe(path, path, params.max_pixels)
    return Plan(path, "k", header.width, header.height, header.graphic, params)


def made(tmp_path, path: str, plan: Plan, renditions) -> dict[str, Image.Image]:
    cache = tmp_path / "cache"
    cache.mkdir(exist_ok=True)
    result = run_job(Job(path, "anh.jpg", plan.graphic, tuple(renditions), str(cache), plan.params))
    assert result.problem is None and result.made == len(renditions)
    return {r.name: Image.open(cache / r.name) for r in renditions}


def test_widths_are_never_wider_than_the_source():
    params = Params(widths=(480, 960, 1600))
    assert Plan("a", "k", 4000, 3000, False, params).widths() == [480, 960, 1600]
    assert Plan("a", "k", 1200, 900, False, params).widths() == [480, 960, 1200]
    assert Plan("a", "k", 1000, 750, False, params).widths() == [480, 960], "within 15 % of 960: no near-duplicate"
    assert Plan("a", "k", 420, 150, False, params).widths() == [420]
    assert Plan("a", "k", 420, 150, True, params).responsive("PNG")[0].name == "anh-420.k.png"


def test_thumbnails_have_a_2x_only_when_the_source_has_the_pixels():
    assert [r.width for r in Plan("a", "k", 1600, 1200, False).thumbnails("WEBP")] == [128, 256]
    assert [(r.width, r.height) for r in Plan("a", "k", 200, 100, False).thumbnails("WEBP")] == [(128, 96)]
    assert [(r.width, r.height) for r in Plan("a", "k", 64, 40, False).thumbnails("WEBP")] == [(53, 40)]


def test_cache_key_follows_the_source_bytes_and_the_settings():
    first = cache_key("a" * 64, Params())
    assert first == cache_key("a" * 64, Params())
    assert first != cache_key("b" * 64, Params())
    assert first != cache_key("a" * 64, Params(webp_quality=60))
    assert len(first) == 20


def test_header_gives_the_displayed_size_after_exif_orientation(tmp_path):
    header = probe(written(tmp_path, "dien-thoai.jpg", pictures.phone_photo((1200, 1600), orientation=6)), "x", LIMIT)
    assert (header.width, header.height) == (1600, 1200)
    assert not header.graphic
    assert probe(written(tmp_path, "a.png", pictures.png(alpha=True)), "x", LIMIT).graphic


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("trang-loi.jpg", pictures.text_named_jpg(), ["không phải là ảnh", "trang-loi.jpg"]),
        ("iphone.jpg", pictures.heic_header(), ["HEIC", "Tương thích nhất"]),
        ("bom.png", pictures.decompression_bomb(), ["100.000 × 100.000", "bom giải nén"]),
    ],
)
def test_hostile_files_are_refused_from_their_header(tmp_path, name, data, words):
    with pytest.raises(ImageProblem) as refused:
        probe(written(tmp_path, name, data), name, LIMIT)
    for word in words:
        assert word in str(refused.value)


def test_a_picture_above_the_pixel_limit_is_refused_without_decoding(tmp_path):
    path = written(tmp_path, "lon.jpg", pictures.jpeg((1700, 1200)))
    with pytest.raises(ImageProblem) as refused:
        probe(path, "lon.jpg", 1_000_000)
    assert "1.700 × 1.200" in str(refused.value) and "IMAGE_MAX_PIXELS" in str(refused.value)
    assert "bom" not in str(refused.value), "an ordinary large photo is not called a bomb"


def test_a_truncated_file_is_found_when_decoded(tmp_path):
    path = written(tmp_path, "cut.jpg", pictures.truncated_jpeg())
    plan = plan_of(path)
    result = run_job(Job(path, "images/cut.jpg", False, tuple(plan.page_renditions()), str(tmp_path), plan.params))
    assert result.problem and "cắt cụt" in result.problem and "images/cut.jpg" in result.problem
    assert not list(tmp_path.glob("*.k.*")), "nothing of a broken source is kept"


def test_outputs_are_upright_with_no_metadata_at_all(tmp_path):
    path = written(tmp_path, "dien-thoai.jpg", pictures.phone_photo((1200, 1600), orientation=6))
    plan = plan_of(path)
    outputs = made(tmp_path, path, plan, plan.page_renditions() + plan.lead_renditions())
    assert outputs["anh-1600.k.jpg"].size == (1600, 1200), "orientation 6 applied: the stored portrait is shown landscape"
    assert outputs["anh-og.k.jpg"].size == (1200, 630)
    assert outputs["anh-t256.k.webp"].size == (256, 192)
    for name, image in outputs.items():
        assert not image.getexif(), name
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(image.info), (name, image.info)
        raw = (tmp_path / "cache" / name).read_bytes()
        for secret in (pictures.PHONE_MAKE.encode(), pictures.PHONE_OWNER.encode(), pictures.PHONE_COMMENT, b"Exif", b"xmpmeta"):
            assert secret not in raw, (name, secret)


def test_the_same_source_gives_the_same_bytes(tmp_path):
    path = written(tmp_path, "anh.jpg", pictures.jpeg((1700, 1200)))
    plan = plan_of(path)
    renditions = plan.page_renditions() + plan.lead_renditions()
    first = {name: (tmp_path / "cache" / name).read_bytes() for name in made(tmp_path, path, plan, renditions)}
    for name in first:
        (tmp_path / "cache" / name).unlink()
    made(tmp_path, path, plan, renditions)
    assert first == {name: (tmp_path / "cache" / name).read_bytes() for name in first}


def test_transparency_keeps_png_and_lossless_webp(tmp_path):
    path = written(tmp_path, "so-do.png", pictures.png((600, 400), alpha=True))
    plan = plan_of(path)
    assert plan.fallback_format == "PNG"
    outputs = made(tmp_path, path, plan, plan.page_renditions())
    assert outputs["anh-600.k.png"].mode == "RGBA"
    assert outputs["anh-600.k.webp"].mode == "RGBA"
    assert set(outputs) == {"anh-480.k.png", "anh-600.k.png", "anh-480.k.webp", "anh-600.k.webp"}


@pytest.mark.parametrize("size", [(239, 179), (99, 74), (128, 96), (2000, 1333)])
def test_small_pictures_give_their_thumbnails_and_cards(tmp_path, size):
    """A source smaller than a thumbnail or card is covered whole (no crop box past its edge from rounding)."""
    path = written(tmp_path, "nho.jpg", pictures.jpeg(size))
    plan = plan_of(path)
    outputs = made(tmp_path, path, plan, plan.lead_renditions())
    assert all(image.size[0] <= max(size[0], 1200) for image in outputs.values())


@pytest.mark.parametrize(("source", "size"), [((239, 179), (239, 179)), ((4048, 3816), (506, 477)), ((1700, 1200), (128, 96)), ((1200, 1700), (1200, 630))])
def test_cover_box_is_the_crop_imageops_fit_makes_and_stays_inside_the_picture(source, size):
    from PIL import ImageOps

    from plugins.images.processing import COVER_CENTRE, RESAMPLE, cover_box

    box = cover_box(source, size, COVER_CENTRE)
    assert 0 <= box[0] < box[2] <= source[0] and 0 <= box[1] < box[3] <= source[1]
    assert abs((box[2] - box[0]) * size[1] - (box[3] - box[1]) * size[0]) < 1e-6 * source[0] * source[1]
    picture = pictures.scene(source)
    assert ImageOps.fit(picture, size, RESAMPLE, centering=COVER_CENTRE).tobytes() == picture.resize(size, RESAMPLE, box=box).tobytes()


def _mean_difference(first: Image.Image, second: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(first, second)).mean) / len(first.getbands())


def _edge_strength(image: Image.Image) -> float:
    return ImageStat.Stat(image.convert("L").filter(ImageFilter.FIND_EDGES)).mean[0]


def _cascaded_and_direct(picture: Image.Image, plan: Plan, graphic: bool):
    """Each size of a plan's files made as a job makes them (largest first, smaller from larger) and straight from ``picture``."""
    resized: dict = {}
    for rendition in largest_first(tuple(plan.page_renditions() + plan.lead_renditions())):
        cascaded = render(picture, rendition, graphic, resized)
        yield rendition, cascaded, render(picture, rendition, graphic)


def test_smaller_photo_files_resized_from_larger_ones_look_the_same():
    picture = Image.open(io.BytesIO(pictures.jpeg((2400, 1800)))).convert("RGB")
    plan = Plan("a", "k", 2400, 1800, False, DEFAULT_PARAMS)
    cascaded_sizes = 0
    for rendition, cascaded, direct in _cascaded_and_direct(picture, plan, graphic=False):
        assert cascaded.size == direct.size == (rendition.width, rendition.height)
        assert _mean_difference(cascaded, direct) < 1.0, rendition  # of 255: invisible
        assert _edge_strength(cascaded) >= 0.98 * _edge_strength(direct), rendition  # not softer
        cascaded_sizes += cascaded.tobytes() != direct.tobytes()
    assert cascaded_sizes >= 3  # 960, 480 and the thumbnails came from larger files


def test_graphics_are_always_resized_from_the_picture():
    picture = Image.open(io.BytesIO(pictures.png((1200, 750)))).convert("RGB")
    plan = Plan("a", "k", 1200, 750, True, DEFAULT_PARAMS)
    for _, cascaded, direct in _cascaded_and_direct(picture, plan, graphic=True):
        assert cascaded.tobytes() == direct.tobytes()


def test_a_file_is_resized_only_from_a_whole_picture_large_enough():
    picture = Image.new("RGB", (2400, 1800))
    made = {(1600, 1200, FIT): Image.new("RGB", (1600, 1200)), (256, 192, COVER): Image.new("RGB", (256, 192))}
    assert cascade_source(picture, Rendition("a", 960, 720, "WEBP"), made).size == (1600, 1200)
    assert cascade_source(picture, Rendition("b", 1200, 630, "JPEG", COVER), made) is picture  # 1600 is only 1.33×
    assert cascade_source(picture, Rendition("c", 128, 96, "WEBP", COVER), made).size == (1600, 1200)  # never a crop
