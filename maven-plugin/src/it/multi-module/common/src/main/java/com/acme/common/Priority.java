package com.acme.common;

public enum Priority {
    LOW,
    HIGH
}
