package io.classcord.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.classcord.storage.StoreSettings;

/** Settings and plain-JDBC access shared by the SQLite tests. */
final class TestStores {

    private TestStores() {
    }

    /** Real durability settings, but Argon2 cheap enough for a fast suite. */
    static StoreSettings cheapArgon(Path file) {
        return new StoreSettings(file, "FULL", 512, 1024, 1, 1);
    }

    /** A connection that bypasses the store, to look at what it really wrote. */
    static Connection jdbc(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Every row of {@code sql} as a list of column values. */
    static List<List<Object>> rows(Path file, String sql, Object... params) throws SQLException {
        try (Connection c = jdbc(file); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> result = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    /** The single value {@code sql} selects. */
    static Object scalar(Path file, String sql, Object... params) throws SQLException {
        List<List<Object>> rows = rows(file, sql, params);
        if (rows.size() != 1 || rows.getFirst().size() != 1) {
            throw new AssertionError("Expected one value from " + sql + ", got " + rows);
        }
        return rows.getFirst().getFirst();
    }

    static int update(Path file, String sql, Object... params) throws SQLException {
        try (Connection c = jdbc(file); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
