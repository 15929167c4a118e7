/*
 * test_errtext.c - errno in Vietnamese: the errors an editor meets have
 * their phrase, any other its number; never libc's English.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "errtext.h"
#include "t.h"

/* Every errno a user can meet, as the brief lists them. */
static const int user_errors[] = {
	ENOENT, EACCES, EPERM, EISDIR, ENOTDIR, ENOSPC, EDQUOT, EROFS, EEXIST,
	ENOTEMPTY, ENAMETOOLONG, ELOOP, EMFILE, ENFILE, ENOMEM, EIO, EXDEV,
	EBUSY, ETXTBSY, EFBIG, EINVAL, EAGAIN, EINTR, ECONNREFUSED, EADDRINUSE,
	EADDRNOTAVAIL, EPIPE, ETIMEDOUT, ECONNRESET
};

static void *
worker(void *arg)
{
	int	 i, *bad = arg;

	for (i = 0; i < 100000; i++)
		if (strcmp(err_text(134 + i % 20), "lỗi hệ thống số 134") == 0 &&
		    i % 20 != 0)
			(*bad)++;
	return NULL;
}

int
main(void)
{
	size_t		 i, j;
	pthread_t	 t[2];
	int		 bad[2] = { 0, 0 };

	T_STREQ(err_text(ENOENT), "không có tệp hay thư mục này");
	T_STREQ(err_text(EACCES), "không có quyền truy cập");
	T_STREQ(err_text(EISDIR), "đây là một thư mục, không phải tệp");
	T_STREQ(err_text(ENOTDIR), "một phần của đường dẫn không phải là thư "
	    "mục");
	T_STREQ(err_text(ENOSPC), "ổ đĩa đã hết chỗ trống");
	T_STREQ(err_text(EADDRINUSE), "cổng này đang được một chương trình "
	    "khác dùng");
	T_STREQ(err_text(EWOULDBLOCK), err_text(EAGAIN));
	/* Each has its own phrase: not libc's, not the fallback, not ';'. */
	for (i = 0; i < sizeof(user_errors) / sizeof(user_errors[0]); i++) {
		const char *s = err_text(user_errors[i]);

		T_OK(strcmp(s, strerror(user_errors[i])) != 0);
		T_OK(strstr(s, "lỗi hệ thống") == NULL);
		T_OK(strchr(s, ';') == NULL && s[strlen(s) - 1] != '.');
		for (j = 0; j < i; j++)
			if (user_errors[j] != user_errors[i])
				T_OK(strcmp(s, err_text(user_errors[j])) != 0);
	}
	/* The rest: the number, within the table and beyond it. */
	T_STREQ(err_text(ENOTBLK), "lỗi hệ thống số 15");
	T_STREQ(err_text(134), "lỗi hệ thống số 134");
	T_STREQ(err_text(159), "lỗi hệ thống số 159");
	T_STREQ(err_text(160), "lỗi hệ thống không rõ");
	T_STREQ(err_text(-1), "lỗi hệ thống không rõ");
	/* Constants: a second call leaves the first answer as it was. */
	{
		const char *a = err_text(140), *b = err_text(141);

		T_STREQ(a, "lỗi hệ thống số 140");
		T_STREQ(b, "lỗi hệ thống số 141");
	}
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, &bad[i]);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	T_INTEQ(bad[0] + bad[1], 0);
	return t_done("errtext");
}
