/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Descriptor editing helpers for hidfix fixups that grow a descriptor in
 * place (hid_rdesc_fixup may return a larger size, up to the 4096 bytes
 * hid_bpf_get_data() hands out).
 *
 * Every length and offset must be a compile-time constant: the loops are
 * fully unrolled so the verifier sees constant offsets into the buffer.
 * The empty asm in the loop body keeps clang from turning the copy into a
 * memmove call, which BPF cannot make.
 */
#pragma once

#include "hidfix_bpf.h"

/*
 * Insert len bytes from add at offset at of a descriptor of size bytes:
 * bytes from at onwards move up by len, last byte first. The buffer must
 * hold size + len bytes.
 */
static __always_inline void
hidfix_rdesc_insert(__u8 *data, unsigned int size, unsigned int at, const __u8 *add,
		    unsigned int len)
{
#pragma clang loop unroll(full)
	for (int i = size - 1; i >= (int)at; i--) {
		data[i + len] = data[i];
		__asm__ __volatile__("" ::: "memory");
	}
#pragma clang loop unroll(full)
	for (unsigned int i = 0; i < len; i++)
		data[at + i] = add[i];
}
