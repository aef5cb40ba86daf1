package org.dsreg.domain;

/** Where an instant falls relative to a certificate's validity period. */
public enum CertificateValidity {
    NOT_YET_VALID,
    VALID,
    EXPIRED
}
