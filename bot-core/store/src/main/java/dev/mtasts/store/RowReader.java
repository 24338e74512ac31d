package dev.mtasts.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** What a store does with one row of a result, the cursor on that row; the stores' query loops call it per row. */
@FunctionalInterface
public interface RowReader {
    void read(ResultSet result) throws SQLException;
}
