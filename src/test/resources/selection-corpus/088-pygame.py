# expect: local UNSUPPORTED_IMPORT
import pygame
pygame.init()
screen = pygame.display.set_mode((320, 240))
