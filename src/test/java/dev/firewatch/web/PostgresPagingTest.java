package dev.firewatch.web;

import dev.firewatch.testing.PostgresDatabases;

class PostgresPagingTest extends PagingContract {
    private String url;

    @Override
    String storeSection() {
        url = PostgresDatabases.create();
        return "store:\n  url: \"" + url + "\"\n";
    }

    @Override
    void dropStore() {
        if (url != null) {
            PostgresDatabases.drop(url);
        }
    }
}
