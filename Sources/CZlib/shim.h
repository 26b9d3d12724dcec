// zlib for TelltaleIO's gzip input (ByteSource). The only place zlib.h is included.
#ifndef TELLTALE_CZLIB_SHIM_H
#define TELLTALE_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro (not visible to Swift): gzip wrapper only (15 + 16), 32 KiB window.
static inline int telltale_inflate_init_gzip(z_stream *s) {
    return inflateInit2(s, 15 + 16);
}
#endif
