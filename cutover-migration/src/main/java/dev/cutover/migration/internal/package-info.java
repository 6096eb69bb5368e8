/** Implementation details of the migration module; not API, not exported. */
package dev.cutover.migration.internal;
