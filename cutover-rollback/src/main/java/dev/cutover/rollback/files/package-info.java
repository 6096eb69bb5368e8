/**
 * File trees as snapshot scopes: {@link dev.cutover.rollback.files.FileTreeScope} captures every
 * directory and regular file under a root and restores the tree exactly.
 */
package dev.cutover.rollback.files;
