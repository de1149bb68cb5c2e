"""The Vietnamese messages an editor reads when an image stops the build: what is wrong and what to do."""

from __future__ import annotations

SUPPORTED = "JPEG, PNG, WebP hoặc GIF"


def _number(value: int) -> str:
    """12345678 → "12.345.678", as Vietnamese writes it."""
    return f"{value:,}".replace(",", ".")


def _megapixels(pixels: int) -> str:
    """Megapixels with a decimal comma: "12,2", "50", "10.000"."""
    value = pixels / 1_000_000
    if value >= 100:
        return _number(round(value))
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def missing(shown: str, looked_at: list[str]) -> str:
    places = ", ".join(f"«{place}»" for place in looked_at)
    # Worded as the post-build checks word a broken link, so an editor meets one phrase for one mistake.
    return (
        f"ảnh «{shown}» không dẫn tới trang hay tệp nào: không có tệp {places}. Kiểm tra tên tệp (chữ hoa, chữ "
        "thường, dấu, đuôi .jpg hay .jpeg) hoặc chép ảnh vào thư mục content/images/."
    )


def outside_content(shown: str) -> str:
    return (
        f"ảnh «{shown}» nằm ngoài thư mục content nên không được dùng. Chép ảnh vào content/images/ rồi viết "
        "images/ten-anh.jpg."
    )


def not_an_image(shown: str, size: int) -> str:
    return (
        f"tệp «{shown}» ({_number(size)} byte) không phải là ảnh ({SUPPORTED}) dù có đuôi của ảnh: có thể là tệp "
        "văn bản, trang web hay tệp tải về bị lỗi được đặt tên .jpg. Mở tệp bằng trình xem ảnh để kiểm tra rồi chép "
        "lại ảnh gốc."
    )


def unsupported(shown: str, image_format: str) -> str:
    advice = (
        " Trên iPhone, chọn Cài đặt → Camera → Định dạng → «Tương thích nhất» để chụp ảnh JPEG, hoặc gửi ảnh qua "
        "Zalo rồi lưu lại."
        if image_format == "HEIC"
        else ""
    )
    return (
        f"ảnh «{shown}» có định dạng {image_format}, trang không dùng được. Lưu lại ảnh dưới dạng {SUPPORTED} "
        f"rồi chép lại.{advice}"
    )


def too_many_pixels(shown: str, width: int, height: int, limit: int) -> str:
    return (
        f"ảnh «{shown}» quá lớn: {_number(width)} × {_number(height)} điểm ảnh ({_megapixels(width * height)} "
        f"megapixel), vượt giới hạn {_megapixels(limit)} megapixel (IMAGE_MAX_PIXELS trong pelicanconf.py). "
        "Thu nhỏ ảnh (chiều rộng khoảng 4.000 điểm ảnh là đủ) rồi chép lại."
    )


def decompression_bomb(shown: str, width: int, height: int, size: int) -> str:
    return (
        f"ảnh «{shown}» khai báo kích thước {_number(width)} × {_number(height)} điểm ảnh trong một tệp chỉ "
        f"{_number(size)} byte: tệp bất thường (có thể là «bom giải nén» làm treo máy), không được xử lý. Xóa tệp "
        "này và dùng ảnh gốc từ máy ảnh hoặc điện thoại."
    )


def broken(shown: str) -> str:
    return (
        f"ảnh «{shown}» bị hỏng hoặc chưa chép hết (tệp bị cắt cụt, không đọc được đến cuối). Chép lại ảnh từ "
        "máy ảnh, điện thoại hoặc hộp thư gốc."
    )


def failed(shown: str, reason: str) -> str:
    return (
        f"không xử lý được ảnh «{shown}» ({reason}). Mở ảnh bằng một trình sửa ảnh, lưu lại dưới dạng JPEG rồi "
        "chép lại."
    )


def no_description(shown: str) -> str:
    return (
        f"ảnh «{shown}» chưa có mô tả. Viết mô tả ngắn trong dấu ngoặc vuông, ví dụ ![Người dân nộp hồ sơ tại "
        f"quầy số 2]({shown}), để người khiếm thị (qua phần mềm đọc màn hình) và người dùng mạng chậm vẫn biết ảnh "
        "nói gì."
    )


def description_is_file_name(shown: str, alt: str) -> str:
    return (
        f"mô tả của ảnh «{shown}» là tên tệp «{alt}», không nói ảnh có gì. Thay bằng một câu ngắn, ví dụ "
        "«Cán bộ Trung tâm hướng dẫn người dân nộp hồ sơ trực tuyến»."
    )


def lead_without_description(shown: str) -> str:
    return (
        f"ảnh đại diện «{shown}» chưa có mô tả. Thêm dòng «ImageAlt: …» (một câu ngắn nói ảnh có gì) ngay dưới "
        "dòng Image."
    )


def description_without_lead() -> str:
    return "có ImageAlt (mô tả ảnh đại diện) nhưng không có dòng «Image: images/ten-anh.jpg». Thêm dòng Image hoặc xóa dòng ImageAlt."


def lead_elsewhere(value: str) -> str:
    return (
        f"ảnh đại diện phải là một tệp trong content/images/, không phải địa chỉ của trang khác («{value}»): trang "
        "không tải gì từ nơi khác. Tải ảnh về, chép vào content/images/ rồi viết Image: images/ten-anh.jpg."
    )
