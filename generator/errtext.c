/*
 * errtext.c - errno in Vietnamese; see errtext.h.
 *
 * Thread safety without a buffer: the fallback "lỗi hệ thống số N" is a
 * table of string constants made by the preprocessor, one per number up
 * to ERR_TABLE (Linux numbers its errors below 134).
 */
#include <errno.h>
#include <stddef.h>

#include "errtext.h"

#define ERR_FALLBACK(n)	[n] = "lỗi hệ thống số " #n,
#define ERR_TEN(t)	ERR_FALLBACK(t##0) ERR_FALLBACK(t##1) \
	ERR_FALLBACK(t##2) ERR_FALLBACK(t##3) ERR_FALLBACK(t##4) \
	ERR_FALLBACK(t##5) ERR_FALLBACK(t##6) ERR_FALLBACK(t##7) \
	ERR_FALLBACK(t##8) ERR_FALLBACK(t##9)

static const char *const err_fallback[] = {
	ERR_TEN() ERR_TEN(1) ERR_TEN(2) ERR_TEN(3) ERR_TEN(4) ERR_TEN(5)
	ERR_TEN(6) ERR_TEN(7) ERR_TEN(8) ERR_TEN(9) ERR_TEN(10) ERR_TEN(11)
	ERR_TEN(12) ERR_TEN(13) ERR_TEN(14) ERR_TEN(15)
};

#define ERR_TABLE	(sizeof(err_fallback) / sizeof(err_fallback[0]))

/* Files and folders: what building a site meets. */
static const char *
err_files(int e)
{
	switch (e) {
	case ENOENT:
		return "không có tệp hay thư mục này";
	case EACCES:
		return "không có quyền truy cập";
	case EPERM:
		return "không được phép làm việc này";
	case EISDIR:
		return "đây là một thư mục, không phải tệp";
	case ENOTDIR:
		return "một phần của đường dẫn không phải là thư mục";
	case ENOSPC:
		return "ổ đĩa đã hết chỗ trống";
	case EDQUOT:
		return "đã dùng hết hạn mức dung lượng được cấp trên ổ đĩa";
	case EROFS:
		return "ổ đĩa chỉ cho phép đọc, không ghi được";
	case EEXIST:
		return "tệp hoặc thư mục này đã có";
	case ENOTEMPTY:
		return "thư mục không trống";
	case ENAMETOOLONG:
		return "tên tệp hoặc đường dẫn quá dài";
	case ELOOP:
		return "đường dẫn đi qua quá nhiều liên kết (có thể là một "
		    "vòng lặp)";
	case EMLINK:
		return "quá nhiều liên kết tới tệp này";
	case EXDEV:
		return "không chuyển được tệp sang một ổ đĩa khác";
	case EBUSY:
		return "tệp hoặc thiết bị đang được dùng";
	case ETXTBSY:
		return "tệp đang được chạy nên không ghi được";
	case EFBIG:
		return "tệp quá lớn";
	case EIO:
		return "lỗi đọc ghi trên ổ đĩa (ổ có thể bị hỏng hoặc đã bị "
		    "rút ra)";
	case ESTALE:
		return "tệp trên ổ mạng không còn dùng được, hãy kết nối lại ổ";
	case ENXIO:
	case ENODEV:
		return "không có thiết bị này";
	default:
		return NULL;
	}
}

/* The process and the system. */
static const char *
err_system(int e)
{
	switch (e) {
	case 0:
		return "không có lỗi";
	case EMFILE:
		return "chương trình đang mở quá nhiều tệp cùng lúc";
	case ENFILE:
		return "hệ thống đang mở quá nhiều tệp cùng lúc";
	case ENOMEM:
		return "không đủ bộ nhớ";
	case EINVAL:
		return "tham số không hợp lệ";
	case EAGAIN:
		return "tạm thời chưa làm được, hãy thử lại";
	case EINTR:
		return "thao tác bị ngắt giữa chừng";
	case ENOSYS:
	case ENOTSUP:
		return "hệ thống không hỗ trợ thao tác này";
	case EOVERFLOW:
	case ERANGE:
		return "giá trị vượt quá giới hạn";
	case EILSEQ:
		return "có chuỗi ký tự không hợp lệ";
	case EBADF:
		return "tệp không còn mở";
	case E2BIG:
		return "danh sách tham số quá dài";
	case ENOEXEC:
		return "tệp không phải chương trình chạy được";
	case ECHILD:
	case ESRCH:
		return "không có tiến trình này";
	case EDEADLK:
		return "hai tác vụ chờ nhau, không thể tiếp tục";
	default:
		return NULL;
	}
}

/* The network: the preview server. */
static const char *
err_net(int e)
{
	switch (e) {
	case ECONNREFUSED:
		return "máy bên kia từ chối kết nối";
	case ECONNRESET:
		return "kết nối bị ngắt từ phía bên kia";
	case ECONNABORTED:
		return "kết nối bị hủy";
	case EADDRINUSE:
		return "cổng này đang được một chương trình khác dùng";
	case EADDRNOTAVAIL:
		return "máy này không có địa chỉ đó";
	case EPIPE:
		return "đầu bên kia đã đóng kết nối";
	case ETIMEDOUT:
		return "hết thời gian chờ";
	case ENETUNREACH:
	case EHOSTUNREACH:
		return "không tới được máy hoặc mạng đó";
	case ENETDOWN:
		return "mạng không hoạt động";
	case ENOTCONN:
		return "chưa có kết nối";
	case EAFNOSUPPORT:
		return "hệ thống không hỗ trợ loại địa chỉ này";
	default:
		return NULL;
	}
}

const char *
err_text(int errnum)
{
	const char	*t;

	if ((t = err_files(errnum)) != NULL ||
	    (t = err_system(errnum)) != NULL || (t = err_net(errnum)) != NULL)
		return t;
	if (errnum > 0 && (size_t)errnum < ERR_TABLE)
		return err_fallback[errnum];
	return "lỗi hệ thống không rõ";
}
