package org.dsreg.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * License names as POMs write them, as the machine-readable copyright format's short names
 * (https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/#license-short-name), and each
 * short name's stand-alone License paragraph. A license not known here fails the build: a dependency
 * whose license nobody has read does not go into the packages.
 */
final class LicenseTexts {
    private LicenseTexts() {
    }

    /** The short name of a POM's {@code <license>}, or empty when it is not one known here. */
    static Optional<String> shortName(PomLicenses.License license) {
        String name = license.name().toLowerCase(Locale.ROOT);
        String url = license.url().toLowerCase(Locale.ROOT);
        if ((name.contains("apache") && (name.contains("2.0") || name.contains("version 2")))
                || url.contains("apache.org/licenses/license-2.0") || url.contains("opensource.org/licenses/apache-2.0")) {
            return Optional.of("Apache-2.0");
        }
        if (name.equals("mit") || name.equals("mit license") || name.equals("the mit license")
                || url.contains("opensource.org/licenses/mit")) {
            return Optional.of("Expat");
        }
        // only an explicit "or later": LGPL 2.1 alone is another license, not known here
        if (name.contains("lgpl-2.1-or-later") || name.contains("lgpl-2.1+") || (name.contains("lesser general public"
                + " license") && name.contains("2.1") && name.contains("or later"))) {
            return Optional.of("LGPL-2.1+");
        }
        return Optional.empty();
    }

    /** The License field of an artifact whose POM lists {@code licenses}: several are alternatives. */
    static String field(String coordinates, List<PomLicenses.License> licenses) {
        if (licenses.isEmpty()) {
            throw new IllegalStateException(coordinates + " declares no license in its POM or its parents'");
        }
        List<String> names = new ArrayList<>();
        for (PomLicenses.License l : licenses) {
            String name = shortName(l).orElseThrow(() -> new IllegalStateException(coordinates
                    + ": license \"" + l.name() + "\" (" + l.url() + ") is not one dist's LicenseTexts knows;"
                    + " read it, then add it there"));
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return String.join(" or ", names);
    }

    /** The stand-alone License paragraph of a short name used in a field. */
    static String paragraph(String shortName) {
        return switch (shortName) {
            case "Apache-2.0" -> """
                    License: Apache-2.0
                     Licensed under the Apache License, Version 2.0 (the "License"); you may not
                     use this software except in compliance with the License. You may obtain a
                     copy of the License at https://www.apache.org/licenses/LICENSE-2.0
                     .
                     Unless required by applicable law or agreed to in writing, software
                     distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
                     WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
                     License for the specific language governing permissions and limitations
                     under the License.
                     .
                     On Debian systems, the complete text of the Apache License, Version 2.0
                     can be found in "/usr/share/common-licenses/Apache-2.0".
                    """;
            case "Expat" -> """
                    License: Expat
                     Permission is hereby granted, free of charge, to any person obtaining a copy
                     of this software and associated documentation files (the "Software"), to
                     deal in the Software without restriction, including without limitation the
                     rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
                     sell copies of the Software, and to permit persons to whom the Software is
                     furnished to do so, subject to the following conditions:
                     .
                     The above copyright notice and this permission notice shall be included in
                     all copies or substantial portions of the Software.
                     .
                     THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
                     IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
                     FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
                     AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
                     LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
                     FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
                     IN THE SOFTWARE.
                    """;
            case "LGPL-2.1+" -> """
                    License: LGPL-2.1+
                     This library is free software; you can redistribute it and/or modify it
                     under the terms of the GNU Lesser General Public License as published by the
                     Free Software Foundation; either version 2.1 of the License, or (at your
                     option) any later version.
                     .
                     This library is distributed in the hope that it will be useful, but WITHOUT
                     ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or
                     FITNESS FOR A PARTICULAR PURPOSE. See the GNU Lesser General Public License
                     for more details.
                     .
                     On Debian systems, the complete text of the GNU Lesser General Public
                     License version 2.1 can be found in "/usr/share/common-licenses/LGPL-2.1".
                    """;
            default -> throw new IllegalArgumentException("no License paragraph for " + shortName);
        };
    }
}
