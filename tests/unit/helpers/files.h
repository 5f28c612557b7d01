/*
 * files.h - file helpers shared by the tests.
 */
#ifndef BDB_TEST_FILES_H
#define BDB_TEST_FILES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Reads the whole file at path into a malloc'd block of exactly its size
 * (at least 1 byte allocated, so an empty file gives a valid pointer), so
 * that ASan sees any read past its end; *len is the size. Fails the test
 * when the file cannot be opened or read. Free with free().
 */
uint8_t *test_read_file(const char *path, size_t *len);

#endif /* BDB_TEST_FILES_H */
