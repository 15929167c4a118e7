/*
 * errtext.h - what an errno means, in Vietnamese, for messages to editors
 * (strerror() is English, and locale-dependent at best).
 */
#ifndef CCHC_ERRTEXT_H
#define CCHC_ERRTEXT_H

/*
 * A short Vietnamese phrase for errnum (no ';', no final period), e.g.
 * "không có tệp hay thư mục này" for ENOENT.  The errors a user can meet
 * have their own phrase; any other gives "lỗi hệ thống số N".  The
 * result is a string constant: never freed, never overwritten, safe from
 * any thread.
 */
const char	*err_text(int errnum);

#endif
