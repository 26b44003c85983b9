"""The one pattern every id follows: it names files and folders, so it must be safe as both."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ID_LENGTH = 120  # well under any file system's name limit, with room for ".yaml"
